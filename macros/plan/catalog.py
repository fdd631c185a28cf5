"""The single declaration of every grid of the plan, step by step.

Everything else (validation, JSON Schemas, site labels and pages, blank
worksheets, skeleton files, workbooks, open data) is derived from this
file. To add a column, add it here and regenerate the schemas with
``pnt schemas``: it then appears in the grid, the plan's pages (unless
``in_plan=False``), the workbook, the CSV and the JSON.
"""

from __future__ import annotations

import dataclasses

from . import rules
from .kinds import (
    AMOUNT, BOOLEAN, CHOICE, DATE, EMAIL, INTEGER, LINK, LONG_TEXT, NUMBER,
    PERCENT, PERIOD_YEAR, REF, REFS, SUBLIST, TEXT, TEXT_LIST, YEAR, YEARS,
)
from .model import CARDS, RECORD, Column, Grid, Step

C = Column

REGIONS = (
    "Bas-Saint-Laurent", "Saguenay–Lac-Saint-Jean", "Capitale-Nationale",
    "Mauricie", "Estrie", "Montréal", "Outaouais", "Abitibi-Témiscamingue",
    "Côte-Nord", "Nord-du-Québec", "Gaspésie–Îles-de-la-Madeleine",
    "Chaudière-Appalaches", "Laval", "Lanaudière", "Laurentides",
    "Montérégie", "Centre-du-Québec",
)

SECTORS = (
    "municipal", "économique", "éducation", "santé et services sociaux",
    "communautaire", "culture", "tourisme", "agroalimentaire",
    "télécommunications", "citoyen", "recherche et enseignement supérieur", "autre",
)

ACTOR_ROLES = ("porteur politique", "mandataire", "partenaire", "collaborateur",
               "partenaire de recherche", "signataire", "autre")

FUNDING_STATUS = ("demandé", "confirmé", "reçu", "envisagé", "à déterminer", "refusé",
                  "non admissible")
# Statuses of a source whose amount may not be known yet, or never be money.
FUNDING_UNSURE = ("envisagé", "à déterminer", "refusé", "non admissible")
FUNDING_NATURE = ("argent", "en nature", "argent et en nature")

PAGE_STEP = "etapes/{}.md"


def _step_page(slug: str) -> str:
    return PAGE_STEP.format(slug)


# --- 0. Le territoire -------------------------------------------------------

TERRITOIRE = Grid(
    key="territoire", step=0, shape=RECORD, title="Le territoire", required=True,
    purpose="Qui produit ce plan, pour quel territoire et pour quelle période.",
    page="plan/index.md",
    columns=(
        C("type", "Type de territoire", CHOICE, "MRC ou territoire équivalent.",
          required=True, choices=("MRC", "territoire équivalent")),
        C("nom", "Nom", TEXT, "Nom officiel, p. ex. « MRC de la Vallée-des-Cèdres ».",
          required=True),
        C("code_geographique", "Code géographique", TEXT,
          "Code du Répertoire des municipalités : 2 ou 3 chiffres entre "
          "guillemets (p. ex. \"999\").", pattern=r"^[0-9]{2,3}$"),
        C("region", "Région administrative", CHOICE,
          "Une des 17 régions administratives du Québec.", choices=REGIONS),
        C("periode_debut", "Début de la période", PERIOD_YEAR,
          "Première année couverte par le plan.", required=True),
        C("periode_fin", "Fin de la période", PERIOD_YEAR,
          "Dernière année couverte par le plan.", required=True),
        C("statut", "Statut du plan", CHOICE,
          "« brouillon » tant que le conseil n'a pas adopté le plan ; « publié » pour "
          "un plan rendu public dont l'adoption n'est pas connue.",
          required=True, choices=("brouillon", "adopté", "publié")),
        C("date_adoption", "Date d'adoption", DATE,
          "Date de la résolution d'adoption (2026-04-15, ou le mois : avril 2026)."),
        C("resolution", "Numéro de résolution", TEXT,
          "Numéro de la résolution du conseil, p. ex. « 2026-04-117 »."),
        C("date_publication", "Date de publication", DATE,
          "Quand le plan a été rendu public : jour, mois (2016-03) ou année."),
        C("slogan", "Slogan", TEXT,
          "La phrase d'accroche du plan, s'il en a une ; affichée sous le titre."),
        C("document_original", "Document original", LINK,
          "Adresse (https://…) du document original du plan (PDF), s'il est en ligne."),
        C("fictif", "Territoire fictif", BOOLEAN,
          "« oui » seulement pour un exemple : un bandeau l'indique sur chaque page.",
          in_plan=False),
        C("description", "Description du site", TEXT,
          "Une phrase qui présente le plan (moteurs de recherche, partage).", in_plan=False),
        C("site_url", "Adresse du site", LINK,
          "Adresse publique du site du plan, si elle est connue.", in_plan=False),
        C("licence", "Licence des données", TEXT,
          "Licence des données publiées (par défaut : CC BY 4.0).", in_plan=False),
    ),
    rules=(rules.period_in_order, rules.adopted_needs_date),
)

MUNICIPALITES = Grid(
    key="municipalites", step=0, title="Municipalités du territoire",
    purpose="Les municipalités (et territoires non organisés) que couvre le plan.",
    id_key="nom", label_key="nom", page="plan/index.md", blank_rows=8,
    columns=(
        C("nom", "Municipalité", TEXT, "Nom officiel de la municipalité.",
          required=True),
        C("code", "Code", TEXT,
          "Code géographique : 5 chiffres entre guillemets (p. ex. \"85005\").",
          pattern=r"^[0-9]{5}$", unique=True,
          if_empty="code géographique non indiqué : l'ajouter (5 chiffres du Répertoire "
                   "des municipalités) dès qu'il est connu"),
        C("population", "Population", INTEGER,
          "Nombre d'habitants (dernier décret de population).",
          if_empty="population non indiquée : le total dira ce qu'il couvre"),
        C("anciens_noms", "Anciens noms", TEXT_LIST,
          "Noms que la municipalité a portés (p. ex. « Asbestos » pour Val-des-Sources), "
          "un par ligne : les grilles peuvent encore les citer.", in_plan=False),
        C("alias", "Autres graphies", TEXT_LIST,
          "Autres façons d'écrire le nom (p. ex. « St-Camille »), une par ligne : les "
          "grilles peuvent les citer.", in_plan=False),
    ),
    former_names="anciens_noms", aliases="alias",
)

# --- 1. Gouvernance ---------------------------------------------------------

S1 = "01-gouvernance"

PORTEUR = Grid(
    key="porteur", step=1, shape=RECORD, title="Porteur du dossier",
    purpose="L'organisation qui porte la démarche et la personne qui en répond.",
    page=_step_page(S1),
    columns=(
        C("organisation", "Organisation", TEXT,
          "Organisation qui porte le dossier (souvent la MRC).", required=True),
        C("responsable", "Personne responsable", TEXT,
          "Nom de la personne qui coordonne la démarche.", required=True),
        C("fonction", "Fonction", TEXT, "Titre de son poste."),
        C("courriel", "Courriel", EMAIL, "Adresse courriel pour la joindre."),
        C("telephone", "Téléphone", TEXT, "Numéro de téléphone, p. ex. 819 555-0100."),
    ),
)

INSTANCES = Grid(
    key="instances", step=1, title="Instances de la démarche",
    purpose="Les comités qui orientent, pilotent et réalisent la démarche.",
    id_prefix="G", label_key="nom", page=_step_page(S1), blank_rows=3,
    columns=(
        C("id", "Identifiant", TEXT, "G-01, G-02… (un par instance).", required=True),
        C("nom", "Nom", TEXT, "Nom de l'instance.", required=True),
        C("type", "Type", CHOICE, "Rôle de l'instance dans la démarche.",
          required=True, choices=("orientation", "pilotage", "technique", "autre")),
        C("mandat", "Mandat", LONG_TEXT, "Ce que l'instance décide ou produit.",
          required=True),
        C("frequence", "Fréquence des rencontres", TEXT,
          "P. ex. « une fois par mois »."),
    ),
)

MEMBRES = Grid(
    key="membres", step=1, title="Membres des instances",
    purpose="Qui siège à chaque instance, et à quel titre.",
    page=_step_page(S1), blank_rows=10,
    columns=(
        C("nom", "Nom", TEXT, "Prénom et nom du membre.", required=True),
        C("organisation", "Organisation", TEXT, "Organisation représentée, s'il y a lieu."),
        C("secteur", "Secteur", CHOICE, "Secteur que le membre représente.",
          choices=SECTORS),
        C("instance", "Instance", REF, "Identifiant de l'instance (G-01…), si elle est "
          "connue.", target="instances"),
        C("role", "Rôle", TEXT, "P. ex. présidence, secrétariat, membre."),
    ),
)

ACTEURS = Grid(
    key="acteurs", step=1, title="Inventaire des acteurs à inviter",
    short_title="Acteurs à inviter",
    purpose=("Toutes les organisations qui peuvent contribuer au plan ; les "
             "porteurs et partenaires des projets sont choisis dans cette liste."),
    id_prefix="A", label_key="nom", page=_step_page(S1), blank_rows=10,
    columns=(
        C("id", "Identifiant", TEXT, "A-01, A-02…", required=True),
        C("nom", "Acteur", TEXT, "Nom de l'organisation.", required=True),
        C("secteur", "Secteur", CHOICE, "Secteur d'activité.", required=True,
          choices=SECTORS),
        C("apport", "Apport possible", TEXT,
          "Ce que l'acteur peut apporter : expertise, réseau, financement…"),
        C("invite_le", "Invité le", DATE, "Date de l'invitation (2026-01-15 ou janvier 2026)."),
        C("participation", "Participation", CHOICE, "Où en est sa participation.",
          choices=("à inviter", "invité", "participe", "a décliné")),
        C("role_type", "Type de rôle", CHOICE, "Son rôle dans le plan.",
          choices=ACTOR_ROLES),
        C("municipalite", "Municipalité", REF,
          "Pour une municipalité (ou son conseil) : son nom, tel qu'il figure au "
          "territoire.", target="municipalites"),
    ),
)

VISION = Grid(
    key="vision", step=1, shape=RECORD, title="Vision commune",
    purpose="Ce que le territoire veut devenir grâce au numérique, et ses valeurs.",
    page=_step_page(S1),
    columns=(
        C("enonce", "Énoncé de vision", LONG_TEXT,
          "Deux ou trois phrases adoptées par le comité d'orientation.",
          required=True),
        C("valeurs", "Valeurs", TEXT_LIST,
          "Une valeur par ligne, précédée d'un tiret."),
    ),
)

PLANS_PARENTS = Grid(
    key="plans_parents", step=1, title="Plans et stratégies de référence", optional=True,
    short_title="Plans de référence",
    purpose=("Les plans et stratégies d'ailleurs (région, Québec, Canada) dans lesquels "
             "ce plan s'inscrit, et comment."),
    page=_step_page(S1), blank_rows=3,
    columns=(
        C("nom", "Plan ou stratégie", TEXT,
          "Son nom, p. ex. « Stratégie numérique régionale de l'Estrie ».", required=True),
        C("annee", "Année", YEAR, "Année de sa publication ou de son début."),
        C("lien", "Lien", LINK, "Adresse du document (https://…), s'il est en ligne."),
        C("relation", "Lien avec ce plan", TEXT,
          "Comment ce plan s'y inscrit, p. ex. « décline son axe 2 dans la MRC »."),
    ),
)

# --- 2. Financement ---------------------------------------------------------

S2 = "02-financement"

BUDGET = Grid(
    key="budget", step=2, title="Budget de la démarche",
    purpose="Ce que coûte la conception du plan, poste par poste.",
    page=_step_page(S2), blank_rows=6,
    columns=(
        C("poste", "Poste de dépense", TEXT,
          "P. ex. coordination, consultations, rédaction, diffusion.", required=True),
        C("montant", "Montant", AMOUNT,
          "En dollars ; une fourchette est permise (10 000 $ – 15 000 $).",
          required=True),
        C("commentaire", "Commentaire", TEXT, "Précision utile, s'il y a lieu."),
    ),
)

SOURCES = Grid(
    key="sources", step=2, title="Sources de financement",
    purpose=("Les bailleurs de fonds de la démarche et des projets ; les "
             "projets y renvoient par leur identifiant."),
    id_prefix="F", label_key="bailleur", page=_step_page(S2), blank_rows=6,
    columns=(
        C("id", "Identifiant", TEXT, "F-01, F-02…", required=True),
        C("bailleur", "Bailleur de fonds", TEXT, "Organisation qui finance.",
          required=True),
        C("programme", "Programme", TEXT, "Nom exact du programme, s'il y a lieu."),
        C("montant", "Montant", AMOUNT,
          "Montant demandé ou accordé, en dollars ; peut rester vide pour une source "
          "envisagée, à déterminer, refusée ou non admissible, ou une aide en nature "
          "de valeur inconnue."),
        C("nature", "Nature", CHOICE, "Contribution en argent, en nature, ou les deux.",
          choices=FUNDING_NATURE),
        C("statut", "Statut", CHOICE, "Où en est la demande.", required=True,
          choices=FUNDING_STATUS),
        C("date", "Date", DATE, "Date de la demande ou de la confirmation."),
        C("orientations", "Orientations financées", REFS,
          "Si la source finance des orientations plutôt que des projets : leurs "
          "identifiants (O-01…), ou « tout le plan ».", target="orientations",
          whole="tout le plan"),
    ),
    rules=(rules.amount_unless_unsure(FUNDING_UNSURE),),
)

# --- 3. Besoins -------------------------------------------------------------

S3 = "03-besoins"

CONSULTATIONS = Grid(
    key="consultations", step=3, title="Consultations",
    purpose="Les activités qui ont permis de recueillir les besoins.",
    id_prefix="C", label_key="public", page=_step_page(S3),
    columns=(
        C("id", "Identifiant", TEXT, "C-01, C-02…", required=True),
        C("date", "Date", DATE, "Jour, mois ou année de l'activité.", required=True),
        C("methode", "Méthode", CHOICE, "Comment les gens ont été consultés.",
          required=True,
          choices=("atelier", "sondage", "entrevues", "forum",
                   "groupe de discussion", "porte-à-porte", "autre")),
        C("public", "Public", TEXT, "Qui a été consulté.", required=True),
        C("lieu", "Lieu", TEXT, "Municipalité ou « en ligne »."),
        C("participants", "Participants", INTEGER, "Nombre de personnes."),
        C("resume", "Ce qui en ressort", LONG_TEXT, "Les grands constats."),
    ),
)

BESOINS = Grid(
    key="besoins", step=3, title="Besoins",
    purpose="Les besoins du territoire que le numérique peut aider à combler.",
    id_prefix="B", label_key="enonce", page="plan/besoins.md", blank_rows=8,
    columns=(
        C("id", "Identifiant", TEXT, "B-01, B-02…", required=True),
        C("enonce", "Besoin", TEXT, "Le besoin, en une phrase.", required=True),
        C("clientele", "Clientèle", CHOICE, "Qui a ce besoin.", required=True,
          choices=("population", "organisations", "entreprises")),
        C("categorie", "Catégorie", CHOICE, "Nature du besoin.", required=True,
          choices=("usages", "innovation", "compétences")),
        C("origine", "Origine", REFS,
          "Consultation(s) d'où vient le besoin (C-01…).", target="consultations"),
        C("municipalites", "Municipalités touchées", REFS,
          "Vide si tout le territoire est touché.", target="municipalites",
          when_empty="Tout le territoire"),
        C("priorite", "Priorité", CHOICE,
          "1 = prioritaire, 2 = important, 3 = souhaitable.", required=True,
          choices=(1, 2, 3), labels=("prioritaire", "important", "souhaitable")),
    ),
)

# --- 4. Possibilités --------------------------------------------------------

S4 = "04-possibilites"

PISTES = Grid(
    key="pistes", step=4, title="Pistes offertes par le numérique",
    short_title="Pistes",
    purpose="Comment le numérique pourrait répondre aux besoins retenus.",
    id_prefix="PI", label_key="titre", page=_step_page(S4), blank_rows=6, layout=CARDS,
    columns=(
        C("id", "Identifiant", TEXT, "PI-01, PI-02…", required=True),
        C("titre", "Piste", TEXT, "La solution en quelques mots.", required=True),
        C("domaine", "Domaine", CHOICE, "Domaine principal.", required=True,
          choices=("connectivité", "services en ligne", "compétences",
                   "commerce et entreprises", "santé et services sociaux",
                   "éducation", "culture et patrimoine", "tourisme",
                   "agroalimentaire", "données", "gouvernance", "autre")),
        C("description", "Description", LONG_TEXT, "En quoi consiste la piste."),
        C("besoins", "Besoins visés", REFS, "Identifiants des besoins (B-01…).",
          required=True, target="besoins", min_items=1),
        C("prerequis", "Prérequis", TEXT, "Ce qui doit exister avant."),
        C("exemple", "Exemple inspirant", TEXT, "Une réalisation ailleurs."),
        C("exemple_lien", "Lien vers l'exemple", LINK, "Adresse web (https://…)."),
        C("cout_indicatif", "Coût indicatif", AMOUNT,
          "Ordre de grandeur, en dollars : 60 000 $, environ 1,5 M$ ou une fourchette "
          "(100 000 $ – 150 000 $)."),
    ),
)

# --- 5. État de situation et prospective ------------------------------------

S5 = "05-etat-de-situation"
DIAGNOSIS_PAGE = "plan/diagnostic.md"
FFOM_TYPES = ("force", "faiblesse", "opportunité", "menace", "défi")
# The scope of a finding (« portée ») besides the territory's municipalities.
SCOPES = ("territoire", "région", "Québec")

CONDITIONS = Grid(
    key="conditions", step=5, title="Conditions de réussite",
    purpose=("Les conditions pour que le numérique rapporte : où en est le "
             "territoire et ce qu'il vise."),
    id_prefix="CD", label_key="condition", page=_step_page(S5), blank_rows=6,
    columns=(
        C("id", "Identifiant", TEXT, "CD-01, CD-02…", required=True),
        C("theme", "Thème", CHOICE, "Thème de la condition.", required=True,
          choices=("connectivité", "équipements", "compétences", "usages",
                   "services en ligne", "données", "gouvernance", "autre")),
        C("condition", "Condition", TEXT, "La condition à réunir.", required=True),
        C("etat_actuel", "État actuel", LONG_TEXT, "Ce qu'on observe aujourd'hui.",
          required=True),
        C("source", "Source", TEXT, "D'où vient l'information.", required=True),
        C("annee", "Année", YEAR, "Année de la donnée (ou son mois, sa saison : automne "
          "2023).", required=True),
        C("situation_visee", "Situation visée", TEXT,
          "Ce qu'on veut atteindre à la fin du plan.", required=True),
        C("statut", "Statut", CHOICE, "La condition est-elle réunie aujourd'hui ?",
          required=True, choices=("réunie", "partielle", "absente")),
    ),
)

CONNECTIVITE = Grid(
    key="connectivite", step=5, title="Connectivité par municipalité",
    short_title="Connectivité",
    purpose=("La part des foyers qui ont accès à Internet à 50/10 Mbit/s et "
             "la couverture cellulaire, municipalité par municipalité."),
    page=_step_page(S5), blank_rows=8,
    columns=(
        C("municipalite", "Municipalité", REF,
          "Nom, tel qu'il figure au territoire, ou « ensemble du territoire ».",
          required=True, target="municipalites", whole="ensemble du territoire"),
        C("foyers_50_10", "Foyers à 50/10 Mbit/s", PERCENT,
          "Pourcentage des foyers qui y ont accès (0 à 100).", required=True),
        C("couverture_cellulaire", "Couverture cellulaire", CHOICE,
          "Couverture du réseau mobile.",
          choices=("complète", "partielle", "faible", "nulle")),
        C("source", "Source", TEXT, "P. ex. carte fédérale de la disponibilité.",
          required=True),
        C("annee", "Année", YEAR, "Année de la donnée (ou son mois, sa saison : automne "
          "2023).", required=True),
    ),
)

FFOM = Grid(
    key="ffom", step=5, title="Forces, faiblesses, opportunités, menaces",
    short_title="Forces et faiblesses (FFOM)",
    purpose="La synthèse de l'état de situation et de la prospective.",
    page=DIAGNOSIS_PAGE, blank_rows=8,
    columns=(
        C("type", "Type", CHOICE, "Force et faiblesse : le territoire ; "
          "opportunité et menace : son environnement ; défi : ce qu'il doit relever.",
          required=True, choices=FFOM_TYPES),
        C("enonce", "Énoncé", TEXT, "En une phrase.", required=True),
    ),
)

CONSTATS = Grid(
    key="constats", step=5, title="Constats du diagnostic", short_title="Constats",
    purpose=("Les faits qui décrivent le territoire, chacun avec sa portée et sa "
             "source ; deux sources d'un même concept se lisent côte à côte."),
    id_prefix="CO", label_key="concept", page=DIAGNOSIS_PAGE, blank_rows=8,
    columns=(
        C("id", "Identifiant", TEXT, "CO-01, CO-02…", required=True),
        C("concept", "Concept", TEXT,
          "Ce qui est mesuré ou observé, p. ex. « foyers sans service Internet de "
          "qualité » ; le même concept pour deux sources.", required=True),
        C("valeur", "Valeur", TEXT,
          "Telle que la source l'écrit : un nombre et son unité (« 12 % ») ou un "
          "constat (« service insuffisant dans les rangs »).", required=True),
        C("portee", "Portée", TEXT,
          "« territoire », le nom d'une municipalité, « région » ou « Québec ».",
          required=True, may_name="municipalites"),
        C("definition", "Définition", TEXT,
          "Ce que la source compte exactement, p. ex. « 50/10 Mbit/s disponibles »."),
        C("source", "Source", TEXT, "Qui a produit la donnée, et dans quel document.",
          required=True),
        C("date", "Date", DATE, "Jour, mois ou année de la donnée."),
        C("commentaire", "Commentaire", TEXT,
          "Ce qui explique un écart entre deux sources, s'il y a lieu."),
    ),
)

DIAGNOSTIC = Grid(
    key="diagnostic", step=5, shape=RECORD, title="Synthèse du diagnostic",
    purpose="Ce que le territoire retient de son état de situation, et ce qu'il anticipe.",
    page=DIAGNOSIS_PAGE,
    columns=(
        C("synthese", "Synthèse", LONG_TEXT,
          "Le diagnostic en quelques paragraphes : ce que les constats disent du "
          "territoire."),
        C("prospective", "Prospective", LONG_TEXT,
          "Les tendances et les changements attendus pendant la durée du plan."),
    ),
)

# --- 6. Projets prioritaires ------------------------------------------------

S6 = "06-projets-prioritaires"
PROJECT_STATUS = ("à venir", "en cours", "en retard", "suspendu", "terminé", "abandonné")

ORIENTATIONS = Grid(
    key="orientations", step=6, title="Orientations",
    purpose="Les quelques grands axes du plan ; chaque projet en relève.",
    id_prefix="O", label_key="titre", page="plan/projets.md", blank_rows=4,
    columns=(
        C("id", "Identifiant", TEXT, "O-01, O-02…", required=True),
        C("titre", "Orientation", TEXT, "L'axe en quelques mots.", required=True),
        C("description", "Description", LONG_TEXT, "Ce que l'axe veut changer."),
        C("objectifs", "Objectifs", TEXT_LIST, "Un objectif par ligne.", min_items=1),
        C("objectifs_du_plan", "Objectifs du plan visés", REFS,
          "Objectifs du plan auxquels l'axe contribue (OP-01…).",
          target="objectifs_du_plan"),
    ),
)

OBJECTIFS_DU_PLAN = Grid(
    key="objectifs_du_plan", optional=True, step=6, title="Objectifs du plan",
    purpose=("Les retombées attendues du plan tout entier, entre la vision et les "
             "projets ; orientations, projets et indicateurs y renvoient."),
    id_prefix="OP", label_key="enonce", page="plan/projets.md", blank_rows=6,
    columns=(
        C("id", "Identifiant", TEXT, "OP-01, OP-02…", required=True),
        C("enonce", "Objectif", TEXT, "L'objectif ou la retombée attendue, en une phrase.",
          required=True),
        C("description", "Description", LONG_TEXT, "Ce qu'il recouvre, s'il y a lieu."),
    ),
)

PROJETS = Grid(
    key="projets", step=6, title="Projets prioritaires",
    purpose="Les projets que le territoire réalisera en priorité.",
    id_prefix="P", label_key="titre", page="plan/projets.md", blank_rows=6, layout=CARDS,
    columns=(
        C("id", "Identifiant", TEXT, "P-01, P-02…", required=True),
        C("titre", "Projet", TEXT, "Le nom du projet.", required=True),
        C("orientation", "Orientation", REFS,
          "Identifiant de l'orientation (O-01…) ; s'il y en a plusieurs, la première "
          "est l'axe principal. Obligatoire si le plan a des orientations.",
          target="orientations"),
        C("objectifs_du_plan", "Objectifs du plan visés", REFS,
          "Objectifs du plan auxquels le projet contribue (OP-01…).",
          target="objectifs_du_plan"),
        C("description", "Description", LONG_TEXT, "Ce que le projet fera."),
        C("moyens", "Moyens", TEXT_LIST,
          "Comment le projet sera réalisé : un moyen par ligne."),
        C("besoins", "Besoins", REFS, "Besoins auxquels il répond (au moins un).",
          required=True, target="besoins", min_items=1),
        C("pistes", "Pistes", REFS, "Pistes retenues (PI-01…).", target="pistes"),
        C("conditions", "Conditions visées", REFS,
          "Conditions qu'il aide à réunir (CD-01…).", target="conditions"),
        C("porteur", "Porteur", REF, "Acteur qui porte le projet (A-01…).",
          required=True, target="acteurs", plural="partenaires"),
        C("partenaires", "Partenaires", SUBLIST, "Acteurs associés et leur rôle.",
          short_title="Partenaires des projets",
          columns=(
              C("acteur", "Acteur", REF, "Identifiant (A-01…).", required=True,
                target="acteurs"),
              C("role", "Rôle", TEXT, "Ce que le partenaire apporte.", required=True),
          )),
        C("cout", "Coût estimé", AMOUNT,
          "Coût total estimé : 185 000 $, 4,2 M$, environ 3,5 M$, plus de 4 M$ ou une "
          "fourchette (220 000 $ – 280 000 $)."),
        C("financement", "Financement", SUBLIST,
          "Sources (F-01…) avec montant, nature et statut.",
          short_title="Financement des projets",
          columns=(
              C("source", "Source", REF, "Identifiant (F-01…).", required=True,
                target="sources"),
              C("montant", "Montant", AMOUNT, "En dollars.", required=True),
              C("nature", "Nature", CHOICE, "En argent, en nature, ou les deux.",
                choices=FUNDING_NATURE),
              C("statut", "Statut", CHOICE, "Demandé, confirmé, reçu, envisagé, refusé…",
                required=True, choices=FUNDING_STATUS),
          )),
        C("debut", "Début prévu", DATE,
          "Jour, mois (2026-03 ou mars 2026), saison (automne 2026) ou année."),
        C("fin", "Fin prévue", DATE, "Jour, mois, saison ou année."),
        C("debut_revise", "Début révisé", DATE, "Si le calendrier a changé."),
        C("fin_revisee", "Fin révisée", DATE, "Si le calendrier a changé."),
        C("rang", "Rang de priorité", INTEGER, "1 pour le plus prioritaire.",
          required=True),
        C("resultats_attendus", "Résultats attendus", LONG_TEXT,
          "Ce qui aura changé à la fin du projet."),
        C("statut", "Statut", CHOICE,
          "Statut déclaré, s'il est connu ; vide : tiré de la programmation annuelle "
          "(étape 9).", choices=PROJECT_STATUS),
    ),
    rules=(rules.dates_in_order("debut", "fin"),
           rules.dates_in_order("debut_revise", "fin_revisee"),
           rules.dates_in_order("debut", "fin_revisee", unless="debut_revise"),
           rules.positive("rang")),
)

# --- 7. Préparation de l'évaluation ----------------------------------------

S7 = "07-preparation-evaluation"

INDICATEURS = Grid(
    key="indicateurs", step=7, title="Indicateurs",
    purpose=("Comment on saura si le plan atteint ses objectifs : des mesures "
             "chiffrées et des jalons datés."),
    id_prefix="I", label_key="libelle", page="plan/indicateurs.md", blank_rows=8, layout=CARDS,
    columns=(
        C("id", "Identifiant", TEXT, "I-01, I-02…", required=True),
        C("libelle", "Indicateur", TEXT, "Ce qu'on mesure.", required=True),
        C("type", "Type", CHOICE,
          "Réalisation (fait), résultat (effet direct), impact (effet durable).",
          required=True, choices=("réalisation", "résultat", "impact")),
        C("nature", "Nature", CHOICE,
          "Quantitatif (un nombre) ou jalon (un résultat daté, atteint ou non).",
          required=True, choices=("quantitatif", "jalon")),
        C("projets", "Projets mesurés", REFS, "Identifiants (P-01…).",
          target="projets"),
        C("objectifs_du_plan", "Objectifs du plan mesurés", REFS,
          "Objectifs du plan que l'indicateur mesure (OP-01…).",
          target="objectifs_du_plan"),
        C("unite", "Unité", TEXT, "P. ex. %, foyers, personnes formées."),
        C("valeur_depart", "Valeur de départ", NUMBER, "Mesure avant le plan."),
        C("annee_depart", "Année de départ", YEAR,
          "Année de la valeur de départ (ou son mois, sa saison)."),
        C("cible", "Cible", NUMBER, "Valeur visée à l'échéance."),
        C("resultat_attendu", "Résultat attendu", TEXT, "Pour un jalon."),
        C("echeance", "Échéance", DATE, "Quand la cible doit être atteinte.",
          required=True),
        C("source", "Source", TEXT, "D'où viendra la mesure.", required=True),
        C("frequence", "Fréquence", CHOICE, "À quel rythme on mesure.",
          required=True,
          choices=("mensuelle", "trimestrielle", "semestrielle", "annuelle",
                   "à la fin du plan")),
        C("responsable", "Responsable", TEXT, "Qui mesure.", required=True),
    ),
    rules=(rules.indicator_fields_by_nature,),
)

MECANISMES = Grid(
    key="mecanismes", step=7, title="Mécanismes de suivi",
    purpose="Qui suit la mise en œuvre du plan, et à quel rythme.",
    page=_step_page(S7), blank_rows=4,
    columns=(
        C("instance", "Instance", TEXT, "Comité ou personne.", required=True),
        C("role", "Rôle", TEXT, "Ce qu'elle suit ou décide.", required=True),
        C("frequence", "Fréquence", TEXT, "P. ex. « chaque trimestre ».",
          required=True),
    ),
)

# --- 8. Rédaction, approbation, diffusion -----------------------------------

S8 = "08-redaction-approbation-diffusion"

CONSULTATION_PUBLIQUE = Grid(
    key="consultation_publique", step=8, title="Consultation publique",
    purpose="La consultation sur le projet de plan avant son adoption.",
    page=_step_page(S8), blank_rows=2,
    columns=(
        C("debut", "Début", DATE, "Premier jour de la consultation.", required=True),
        C("fin", "Fin", DATE, "Dernier jour.", required=True),
        C("moyen", "Moyens", TEXT, "P. ex. séance publique, formulaire en ligne."),
        C("commentaires_recus", "Commentaires reçus", INTEGER, "Nombre."),
        C("synthese", "Synthèse", LONG_TEXT, "Ce qui a changé dans le plan."),
    ),
    rules=(rules.dates_in_order("debut", "fin"),),
)

APPROBATIONS = Grid(
    key="approbations", step=8, title="Approbations",
    purpose="Les instances qui ont approuvé le plan.",
    page=_step_page(S8), blank_rows=3,
    columns=(
        C("instance", "Instance", TEXT, "P. ex. conseil de la MRC.", required=True),
        C("date", "Date", DATE, "Date de la décision.", required=True),
        C("resolution", "Numéro de résolution", TEXT, "S'il y a lieu."),
    ),
)

DIFFUSION = Grid(
    key="diffusion", step=8, title="Diffusion",
    purpose="Comment le plan est porté à la connaissance de tous.",
    page=_step_page(S8), blank_rows=5,
    columns=(
        C("moyen", "Moyen", TEXT, "P. ex. site Web, journal local, séance.",
          required=True),
        C("public", "Public", TEXT, "Qui est visé.", required=True),
        C("date", "Date", DATE, "Quand."),
    ),
)

CREDITS = Grid(
    key="credits", step=8, title="Crédits", optional=True,
    purpose=("Les personnes et les groupes qui ont fait le plan, et leur rôle ; le site "
             "les présente sous « Qui a fait ce plan »."),
    page="plan/index.md", blank_rows=6,
    columns=(
        C("nom", "Nom", TEXT, "Prénom et nom, ou le nom d'un groupe (p. ex. « Comité "
          "d'orientation »).", required=True),
        C("role", "Rôle", TEXT, "Ce qu'elle ou il a fait : rédaction, coordination, "
          "révision, graphisme…", required=True),
        C("organisation", "Organisation", TEXT, "Son organisation, s'il y a lieu."),
    ),
)

AVANT_PROPOS = Grid(
    key="avant_propos", step=8, title="Avant-propos", optional=True,
    purpose="Le mot signé qui ouvre le plan (du préfet, de la présidence d'un comité…).",
    page="plan/index.md", blank_rows=1, layout=CARDS,
    columns=(
        C("signataire", "Signataire", TEXT, "Prénom et nom de la personne qui signe.",
          required=True),
        C("fonction", "Fonction", TEXT, "Son titre, p. ex. « Préfet de la MRC »."),
        C("titre", "Titre", TEXT, "Le titre du mot, s'il en a un, p. ex. « Mot du préfet »."),
        C("texte", "Texte", LONG_TEXT, "Le mot lui-même ; une ligne vide entre deux "
          "paragraphes.", required=True),
    ),
)

# --- 9. Mise en œuvre -------------------------------------------------------

S9 = "09-mise-en-oeuvre"

RESSOURCES = Grid(
    key="ressources", step=9, title="Ressources",
    purpose="Les personnes et les moyens affectés à la mise en œuvre.",
    page=_step_page(S9), blank_rows=4,
    columns=(
        C("poste", "Poste ou rôle", TEXT, "P. ex. agente de développement numérique.",
          required=True),
        C("temps", "Temps", TEXT, "P. ex. « 3 jours par semaine ».", required=True),
        C("financement", "Financement", TEXT, "Qui paie ce poste."),
    ),
)

PROGRAMMATION = Grid(
    key="programmation", step=9, title="Programmation annuelle",
    purpose="Les actions de l'année, projet par projet, et leur avancement.",
    page=_step_page(S9), blank_rows=8,
    columns=(
        C("annee", "Année", YEARS,
          "Année de la programmation, ou plusieurs (2025-2027).", required=True),
        C("projet", "Projet", REF, "Identifiant (P-01…).", required=True,
          target="projets"),
        C("action", "Action", TEXT, "Ce qui sera fait cette année.", required=True),
        C("responsable", "Responsable", TEXT, "Qui s'en charge.", required=True),
        C("budget", "Budget prévu", AMOUNT, "En dollars."),
        C("depense", "Dépensé ou engagé", AMOUNT,
          "Ce qui est dépensé ou engagé pour l'action à la mise à jour, en dollars "
          "(42 000 $, environ 30 000 $). Le rapport annuel le compare au budget prévu."),
        C("statut", "Statut", CHOICE, "Où en est l'action.", required=True,
          choices=("à venir", "en cours", "en retard", "terminée", "reportée",
                   "abandonnée")),
        C("avancement", "Avancement", PERCENT, "De 0 à 100."),
        C("mise_a_jour", "Mise à jour", DATE, "Date de la dernière mise à jour."),
    ),
)

# --- 10. Évaluation et reddition de comptes ---------------------------------

S10 = "10-evaluation-reddition"

MESURES = Grid(
    key="mesures", step=10, title="Mesures des indicateurs",
    purpose="Les valeurs mesurées, indicateur par indicateur.",
    page=_step_page(S10), blank_rows=10,
    columns=(
        C("indicateur", "Indicateur", REF, "Identifiant (I-01…).", required=True,
          target="indicateurs"),
        C("date", "Date", DATE, "Date de la mesure.", required=True),
        C("valeur", "Valeur", NUMBER, "Pour un indicateur quantitatif."),
        C("atteint", "Atteint", BOOLEAN, "Pour un jalon : oui ou non."),
        C("commentaire", "Commentaire", TEXT, "Ce qui explique la mesure."),
    ),
)

REDDITIONS = Grid(
    key="redditions", step=10, title="Redditions de comptes",
    purpose="À qui, quand et comment le territoire rend compte du plan.",
    page=_step_page(S10), blank_rows=4,
    columns=(
        C("date", "Date", DATE, "Date de la reddition.", required=True),
        C("destinataire", "Destinataire", CHOICE, "À qui l'on rend compte.",
          required=True,
          choices=("conseil", "population", "bailleur", "partenaires"),
          labels=("conseil", "population", "bailleur de fonds", "partenaires")),
        C("moyen", "Moyen", TEXT, "P. ex. rapport annuel, séance publique.",
          required=True),
        C("lien", "Lien", LINK, "Adresse du document, s'il est en ligne."),
        C("resume", "Résumé", LONG_TEXT, "Ce qui a été présenté."),
    ),
)

AJUSTEMENTS = Grid(
    key="ajustements", step=10, title="Constats et ajustements",
    purpose="Ce que l'évaluation a appris, et ce qui change dans le plan.",
    page=_step_page(S10), blank_rows=4,
    columns=(
        C("date", "Date", DATE, "Date du constat.", required=True),
        C("constat", "Constat", TEXT, "Ce qui a été observé.", required=True),
        C("ajustement", "Ajustement", TEXT, "Ce qui change.", required=True),
        C("projets", "Projets touchés", REFS, "Identifiants (P-01…).",
          target="projets"),
    ),
)


# Every row and record of every grid may say where its facts come from.
PROVENANCE = C(
    "provenance", "Provenance", TEXT,
    "D'où viennent les informations de cette ligne, p. ex. « PNT 2016, p. 12 » ou "
    "« entrevue avec la DG, 2024-05 ».", note=True)


def _step(number: int, slug: str, title: str, page: str, grids: tuple,
          purpose: str = "") -> Step:
    """A step, its grids numbered in order (« 3.2 »), each with its provenance."""
    numbered = tuple(dataclasses.replace(grid, number=f"{number}.{position}",
                                         columns=grid.columns + (PROVENANCE,))
                     for position, grid in enumerate(grids, start=1))
    return Step(number, slug, title, page, numbered, purpose)


STEPS = (
    _step(0, "territoire", "Le territoire", "plan/index.md", (TERRITOIRE, MUNICIPALITES)),
    _step(1, S1, "Gouvernance", _step_page(S1),
          (PORTEUR, INSTANCES, MEMBRES, ACTEURS, VISION, PLANS_PARENTS),
          purpose=(
              "Le territoire s'est donné une organisation pour mener la démarche : qui la "
              "porte, quels comités l'orientent et la pilotent, quelles organisations sont "
              "invitées à y prendre part. Il a aussi adopté une vision commune de ce qu'il "
              'veut devenir grâce au numérique.')),
    _step(2, S2, "Financement de la démarche", _step_page(S2),
          (BUDGET, SOURCES),
          purpose=(
              "Préparer un plan demande du temps, des consultations et parfois de l'aide "
              'extérieure. Cette étape établit ce que coûte la démarche et qui la finance, et '
              'commence la liste des bailleurs de fonds auxquels les projets pourront '
              "s'adresser.")),
    _step(3, S3, "Besoins", _step_page(S3),
          (CONSULTATIONS, BESOINS),
          purpose=(
              'Le territoire a consulté sa population, ses organisations et ses entreprises '
              'pour savoir ce dont elles ont besoin : usages du numérique, innovation, '
              "compétences. Chaque besoin retenu dit d'où il vient et quelle priorité il a "
              'reçue.')),
    _step(4, S4, "Possibilités offertes par le numérique", _step_page(S4),
          (PISTES,),
          purpose=(
              'Pour chaque besoin retenu, le territoire a examiné ce que le numérique permet '
              ": services, outils, façons de faire venues d'ailleurs. Ces pistes nourrissent "
              'le choix des projets.')),
    _step(5, S5, "État de situation et prospective", _step_page(S5),
          (CONDITIONS, CONNECTIVITE, FFOM, CONSTATS, DIAGNOSTIC),
          purpose=(
              "Avant de choisir ses projets, le territoire a fait le point : l'accès à "
              'Internet dans chaque municipalité, les conditions qui font que le numérique '
              "rapporte, ses forces et ses faiblesses, et ce qui s'annonce. Chaque constat "
              'donne sa source.')),
    _step(6, S6, "Projets prioritaires", _step_page(S6),
          (ORIENTATIONS, PROJETS, OBJECTIFS_DU_PLAN),
          purpose=(
              'Le territoire a regroupé ses choix en quelques orientations et retenu les '
              "projets qu'il réalisera en priorité, avec leur porteur, leurs partenaires, "
              'leur coût, leur financement et leur calendrier.')),
    _step(7, S7, "Préparation de l'évaluation", _step_page(S7),
          (INDICATEURS, MECANISMES),
          purpose=(
              'Pour savoir si le plan donne des résultats, le territoire a choisi des '
              'indicateurs, chacun avec sa valeur de départ, sa cible, sa source et la '
              'personne qui le suit, et il a prévu qui fait le suivi et à quel rythme.')),
    _step(8, S8, "Rédaction, approbation et diffusion", _step_page(S8),
          (CONSULTATION_PUBLIQUE, APPROBATIONS, DIFFUSION, CREDITS, AVANT_PROPOS),
          purpose=(
              'Le plan a été rédigé, soumis à la population, approuvé par les instances du '
              "territoire, puis diffusé. Cette étape dit qui a fait le plan, qui l'a adopté "
              'et comment il a été fait connaître.')),
    _step(9, S9, "Mise en œuvre", _step_page(S9),
          (RESSOURCES, PROGRAMMATION),
          purpose=(
              'Le plan se réalise année après année : les personnes et les moyens affectés à '
              'sa mise en œuvre, et les actions de chaque année, projet par projet, avec leur '
              'avancement.')),
    _step(10, S10, "Évaluation et reddition de comptes", _step_page(S10),
          (MESURES, REDDITIONS, AJUSTEMENTS),
          purpose=(
              'Le territoire mesure ses indicateurs, rend compte de ses résultats à la '
              'population, au conseil et aux bailleurs de fonds, et ajuste son plan selon ce '
              "qu'il apprend.")),
)

GRIDS = {grid.key: grid for step in STEPS for grid in step.grids}
STEP_BY_NUMBER = {step.number: step for step in STEPS}
STEP_BY_FILENAME = {step.filename: step for step in STEPS}


def step_of(grid: Grid) -> Step:
    return STEP_BY_NUMBER[grid.step]


def empty_plan() -> dict:
    """A plan with nothing filled: every grid empty ({} for a record, [] for a list)."""
    return {grid.key: grid.empty for grid in GRIDS.values()}


def file_order(path: str) -> int:
    """The place of a data file in the démarche (territoire.yml first); unknown last."""
    step = STEP_BY_FILENAME.get(path.rsplit("/", 1)[-1])
    return step.number if step is not None else len(STEPS)
