"""The OWL ontology (ontology/fentkg.ttl) and the SKOS vocabularies (ontology/vocab.ttl).

Checks that both parse in rdflib and pyoxigraph, that every term is documented, that the terms the graph
builder writes (docs/model-terms.md, MODEL.md §2.4-2.5) exist, and that owlready2 + HermiT find the ontology
consistent with realistic data and inconsistent with data that breaks a disjointness axiom.

HermiT supports only the OWL 2 datatype map, which lacks xsd:date, xsd:gYearMonth and xsd:gYear; fentkg data
carries such literals, so the reasoner always runs with ignore_unsupported_datatypes=True.

These tests need no `fentkg` import; paths are resolved from this file.
"""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import owlready2
import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "fentkg.ttl"
VOCAB = ROOT / "ontology" / "vocab.ttl"
CASES_DIR = Path(__file__).resolve().parent / "shapes"

FX = Namespace("https://w3id.org/fentkg/ontology#")
FXV = Namespace("https://w3id.org/fentkg/vocab/")
ONTOLOGY_IRI = URIRef("https://w3id.org/fentkg/ontology")
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

# MODEL.md §2.4 and the brief of the ontology: every class the graph builder may write.
CLASSES = """Actor Organization Country GovernmentAgency Legislature InternationalOrganization CriminalOrganization
Company Person Place ChemicalSubstance Precursor ControlledDrug SubstanceClass LegalInstrument Initiative Agreement
PolicyMeasure Designation Sanction TerroristDesignation EntityListing ScheduleControl MajorsListing Event Meeting Visit
Arrest Extradition Indictment Launch Hearing Seizure Suspension Resumption Prosecution Announcement SourceDocument
CitedWork ExtractionRun Claim TripleClaim StatisticalObservation Evidence ClaimConflict FiscalYear""".split()

# docs/model-terms.md and MODEL.md §2.5: every property the graph builder may write.
PROPERTIES = """statedIn citesSource citationEvidence confidence rank rankReason reviewStatus reviewedBy reviewedAt
extractionMethod page footnoteNumber surfaceForm textSha256 textNormalization documentType addressee fileName charCount
url softwareVersion indicator reporter subjectEntity refArea refPeriod obsValue lowerBound upperBound
lowerBoundInclusive upperBoundInclusive valueQualifier designatedEntity authority regime legalBasis designationStatus
announcedDate effectiveDate endDate decisionDate authorityReference reason sourcesPrecursorsFrom suppliesPrecursorsTo
traffics trafficsInto operatesIn launderedMoneyFor factionOf memberOf leaderOf holdsPosition participant cooperatesWith
suspendedCooperationWith recommends recommendedTo mentions agent target location date period eventType status
renamedTo casNumber deaChemicalCode hsCode ofacProgram iso3166Alpha2 acronym verification conflictingClaim
conflictKind verdict resolution precursorOf citation enactedOn""".split()

SCHEMES = {
    "indicators": "ind",
    "value-qualifiers": "qual",
    "ranks": "rank",
    "review-statuses": "review",
    "extraction-methods": "method",
    "designation-regimes": "regime",
    "designation-statuses": "status",
    "agreement-statuses": "agreement",
    "event-types": "event",
    "conflict-kinds": "conflict",
    "verdicts": "verdict",
    "resolutions": "resolution",
    "document-genres": "genre",
    "text-normalizations": "norm",
}

# Concepts the extractors and docs/model-terms.md rely on.
REQUIRED_CONCEPTS = """ind-overdose-deaths ind-overdose-deaths-share ind-synthetic-opioid-deaths ind-fentanyl-deaths
ind-overdose-deaths-per-day ind-projected-overdose-deaths ind-fentanyl-seized-mass ind-pills-seized
ind-counterfeit-pills-lethal-share ind-lethal-doses ind-precursor-seized-mass ind-currency-seized
ind-pill-presses-seized ind-arrests ind-appropriation ind-assistance-requested ind-criminal-revenue ind-potency-ratio
ind-coalition-members ind-persons-sanctioned ind-entities-sanctioned ind-companies-indicted ind-persons-indicted
ind-scanners ind-inspection-rate ind-laboratories ind-precursor-share-from-china ind-fentanyl-share-from-mexico
ind-territory-controlled-share ind-packages-with-data-share ind-drug-incidents-reported ind-precursors-controlled
ind-precursors-warned ind-terrorism-deaths ind-growth-rate ind-attorneys-general ind-signatories ind-data-volume
ind-death-rate-change ind-count ind-other
qual-exact qual-more-than qual-at-least qual-about qual-nearly qual-up-to qual-range qual-less-than
rank-preferred rank-normal rank-deprecated review-unreviewed review-accepted review-rejected
method-manual method-rule method-llm
regime-un1988-table-i regime-un1988-table-ii regime-dea-list-i regime-csa-schedule-i regime-csa-schedule-ii
regime-csa-schedule-ii-immediate-precursor regime-cn-precursor-catalogue-cat-i regime-cn-precursor-catalogue-cat-ii
regime-cn-fentanyl-class-scheduling regime-cn-controlled-drugs-list regime-ofac-sdntk regime-ofac-eo14059 regime-fto
regime-sdgt regime-bis-entity-list regime-majors-list regime-mx-chemical-watch-list
status-in-force status-proposed status-urged status-recommended status-requested status-announced status-revoked
status-expired status-temporary
agreement-launched agreement-active agreement-suspended agreement-declared-dead agreement-renewed agreement-renamed
agreement-resumed agreement-proposed
event-meeting event-visit event-arrest event-extradition event-indictment event-launch event-hearing event-seizure
event-sanction event-designation event-suspension event-resumption event-testimony event-announcement
event-prosecution event-capture event-release
conflict-value-mismatch conflict-date-mismatch conflict-interval-disjoint verdict-conflict verdict-compatible
resolution-unresolved resolution-resolved
genre-letter genre-testimony genre-report genre-policy-paper genre-press-release genre-fact-sheet genre-article
genre-other norm-raw-utf8""".split()

SAMPLE = """
@prefix fx:   <https://w3id.org/fentkg/ontology#> .
@prefix fxv:  <https://w3id.org/fentkg/vocab/> .
@prefix fxd:  <https://w3id.org/fentkg/id/> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa:   <http://www.w3.org/ns/oa#> .

fxd:country-US a fx:Country ; rdfs:label "United States" ; fx:iso3166Alpha2 "US" .
fxd:country-CN a fx:Country ; rdfs:label "China" ; fx:iso3166Alpha2 "CN" .
fxd:person-blinken a fx:Person ; rdfs:label "Antony Blinken" ; fx:holdsPosition "Secretary of State" .
fxd:org-sinaloa-cartel a fx:CriminalOrganization ; rdfs:label "Sinaloa Cartel" .
fxd:doc-1 a fx:SourceDocument ; fx:fileName "000.txt" ; fx:charCount 27947 ;
    fx:textSha256 "50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c" ;
    fx:textNormalization fxv:norm-raw-utf8 ; fx:documentType fxv:genre-letter .
fxd:agent-1 a prov:SoftwareAgent ; rdfs:label "fentkg extractor" ; fx:softwareVersion "0.1.0" .
fxd:run-1 a fx:ExtractionRun ; prov:wasAssociatedWith fxd:agent-1 .
fxd:claim-1 a fx:TripleClaim ;
    rdf:subject fxd:org-sinaloa-cartel ; rdf:predicate fx:sourcesPrecursorsFrom ; rdf:object fxd:country-CN ;
    fx:statedIn fxd:doc-1 ; prov:wasDerivedFrom fxd:ev-1 ; prov:wasGeneratedBy fxd:run-1 ;
    fx:confidence 0.9 ; fx:rank fxv:rank-normal ; fx:reviewStatus fxv:review-unreviewed ;
    fx:extractionMethod fxv:method-rule .
fxd:claim-2 a fx:TripleClaim ;
    rdf:subject fxd:person-blinken ; rdf:predicate fx:holdsPosition ; rdf:object "Secretary of State" ;
    fx:statedIn fxd:doc-1 ; prov:wasDerivedFrom fxd:ev-1 ; prov:wasGeneratedBy fxd:run-1 ;
    fx:confidence 0.8 ; fx:rank fxv:rank-normal ; fx:reviewStatus fxv:review-unreviewed ;
    fx:extractionMethod fxv:method-rule .
fxd:ev-1 a fx:Evidence ; oa:hasSource fxd:doc-1 ; oa:hasSelector fxd:ev-1-q , fxd:ev-1-p ; fx:page 3 .
fxd:ev-1-q a oa:TextQuoteSelector ; oa:exact "chemicals sourced mainly from China" .
fxd:ev-1-p a oa:TextPositionSelector ; oa:start 4100 ; oa:end 4135 .
fxd:org-sinaloa-cartel fx:sourcesPrecursorsFrom fxd:country-CN .
"""

PREFIXES = """@prefix fx: <https://w3id.org/fentkg/ontology#> .
@prefix fxd: <https://w3id.org/fentkg/id/> .
"""


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return Graph().parse(VOCAB, format="turtle")


def fx_terms(graph: Graph) -> set[URIRef]:
    return {
        s
        for kind in TERM_KINDS
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(FX))
    }


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return [o for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == "en"]


# --- parsing ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [ONTOLOGY, VOCAB], ids=lambda p: p.name)
def test_parses_in_pyoxigraph(path: Path) -> None:
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(Graph().parse(path, format="turtle"))


@pytest.mark.parametrize("path", [ONTOLOGY, VOCAB], ids=lambda p: p.name)
def test_no_blank_nodes(path: Path) -> None:
    """rdflib relabels blank nodes on every parse; the build promises byte-identical sorted N-Quads dumps."""
    graph = Graph().parse(path, format="turtle")
    assert not [t for triple in graph for t in triple if isinstance(t, BNode)]


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert english(ontology, ONTOLOGY_IRI, DCTERMS.title)
    assert english(ontology, ONTOLOGY_IRI, DCTERMS.description)
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://spdx.org/licenses/MIT")
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.creator) is not None
    assert not list(ontology.objects(ONTOLOGY_IRI, OWL.imports)), "the ontology must stay self-contained"


# --- terms --------------------------------------------------------------------------------------------------------


def test_every_fx_term_is_documented(ontology: Graph) -> None:
    terms = fx_terms(ontology)
    assert len(terms) >= 120
    for term in terms:
        assert len(english(ontology, term, RDFS.label)) == 1, f"{term} needs exactly one rdfs:label@en"
        assert len(english(ontology, term, SKOS.definition)) == 1, f"{term} needs exactly one skos:definition@en"
    # Every fx: IRI used anywhere in the ontology or the vocabularies is declared.
    vocab = Graph().parse(VOCAB, format="turtle")
    used = {t for g in (ontology, vocab) for triple in g for t in triple if isinstance(t, URIRef)}
    undeclared = sorted(str(t) for t in used if str(t).startswith(str(FX)) and t not in terms)
    assert not undeclared, undeclared


def test_model_terms_exist(ontology: Graph) -> None:
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty)
    )
    assert not [c for c in CLASSES if FX[c] not in classes]
    assert not [p for p in PROPERTIES if FX[p] not in properties]
    assert not set(ontology.subjects(RDF.type, OWL.ObjectProperty)) & set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty)
    ), "a property cannot be both an object and a datatype property in OWL DL"


def test_functional_properties_are_the_three_dates(ontology: Graph) -> None:
    functional = {s for s in ontology.subjects(RDF.type, OWL.FunctionalProperty)}
    assert functional == {FX.announcedDate, FX.effectiveDate, FX.endDate}


def test_alignments_and_superclasses(ontology: Graph) -> None:
    prov = Namespace("http://www.w3.org/ns/prov#")
    expected = {
        FX.Actor: prov.Agent,
        FX.Person: URIRef("http://xmlns.com/foaf/0.1/Person"),
        FX.Event: prov.Activity,
        FX.ExtractionRun: prov.Activity,
        FX.Claim: prov.Entity,
        FX.StatisticalObservation: URIRef("http://purl.org/linked-data/cube#Observation"),
        FX.Evidence: URIRef("http://www.w3.org/ns/oa#SpecificResource"),
        FX.FiscalYear: URIRef("http://www.w3.org/2006/time#ProperInterval"),
        FX.Agreement: FX.Initiative,
    }
    for cls, sup in expected.items():
        assert (cls, RDFS.subClassOf, sup) in ontology, (cls, sup)
    assert (FX.citesSource, RDFS.subPropertyOf, prov.hadPrimarySource) in ontology
    assert (FX.memberOf, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/org#memberOf")) in ontology
    assert (FX.Actor, RDFS.subClassOf, FX.Place) not in ontology
    # Date properties carry no OWL range: HermiT rejects xsd:date, which is not in the OWL 2 datatype map.
    for prop in (FX.announcedDate, FX.effectiveDate, FX.endDate, FX.decisionDate, FX.date, FX.enactedOn):
        assert ontology.value(prop, RDFS.range) is None, prop


# --- vocabularies ---------------------------------------------------------------------------------------------


def test_every_concept_is_complete(vocab: Graph) -> None:
    concepts = set(vocab.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 120
    for concept in concepts:
        assert len(english(vocab, concept, SKOS.prefLabel)) == 1, concept
        assert len(english(vocab, concept, SKOS.definition)) == 1, concept
        assert vocab.value(concept, SKOS.notation) is not None, concept
        schemes = set(vocab.objects(concept, SKOS.inScheme))
        assert len(schemes) == 1, concept
        scheme = schemes.pop()
        assert (scheme, SKOS.hasTopConcept, concept) in vocab and (concept, SKOS.topConceptOf, scheme) in vocab
        prefix = SCHEMES[str(scheme)[len(str(FXV)):]]
        assert str(concept) == f"{FXV}{prefix}-{vocab.value(concept, SKOS.notation)}", concept
        for label in vocab.objects(concept, SKOS.hiddenLabel):
            assert str(label) == str(label).lower(), f"cue phrases are lower case: {label!r}"
        labels = [str(x) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for x in vocab.objects(concept, p)]
        assert len(labels) == len(set(labels)), f"{concept}: a label is repeated across pref/alt/hidden"


def test_schemes(vocab: Graph) -> None:
    schemes = set(vocab.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes == {FXV[s] for s in SCHEMES}
    for scheme in schemes:
        assert english(vocab, scheme, SKOS.prefLabel) and english(vocab, scheme, SKOS.definition)
        tops = set(vocab.objects(scheme, SKOS.hasTopConcept))
        assert tops and tops == set(vocab.subjects(SKOS.inScheme, scheme)), scheme
        notations = Counter(str(vocab.value(c, SKOS.notation)) for c in tops)
        assert max(notations.values()) == 1, f"duplicate notation in {scheme}"
    missing = [c for c in REQUIRED_CONCEPTS if (FXV[c], RDF.type, SKOS.Concept) not in vocab]
    assert not missing, missing


def test_vocab_links_to_the_ontology(ontology: Graph, vocab: Graph) -> None:
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    for concept, cls in vocab.subject_objects(FX.correspondingClass):
        assert cls in classes, (concept, cls)
    for regime in vocab.subjects(SKOS.inScheme, FXV["designation-regimes"]):
        cls = vocab.value(regime, FX.correspondingClass)
        assert cls is not None and (cls, RDFS.subClassOf, FX.Designation) in ontology, regime
    assert vocab.value(FXV["regime-ofac-eo14059"], FX.ofacProgram) == Literal("ILLICIT-DRUGS-EO14059")
    for event in vocab.subjects(SKOS.inScheme, FXV["event-types"]):
        cls = vocab.value(event, FX.correspondingClass)
        assert cls == FX.Event or (cls, RDFS.subClassOf, FX.Event) in ontology, event
    units = set(ontology.subjects(RDF.type, OWL.NamedIndividual))
    for indicator in vocab.subjects(SKOS.inScheme, FXV.indicators):
        for unit in vocab.objects(indicator, FX.expectedUnit):
            assert unit in units, (indicator, unit)
        if indicator not in (FXV["ind-other"], FXV["ind-count"]):
            assert list(vocab.objects(indicator, SKOS.hiddenLabel)), f"{indicator} has no cue phrases"
    for qualifier in vocab.subjects(SKOS.inScheme, FXV["value-qualifiers"]):
        assert vocab.value(qualifier, SKOS.scopeNote) is not None, f"{qualifier} must state its bound convention"


# --- OWL reasoning --------------------------------------------------------------------------------------------

# HermiT runs in Java (owlready2.JAVA_EXE, /usr/bin/java here); one run, JVM start included, takes about 0.7 s.


def reason(graph: Graph, tmp_path: Path, ignore_unsupported_datatypes: bool = True) -> float:
    """Load the graph into a fresh owlready2 world and run HermiT; return the reasoning time in seconds."""
    path = tmp_path / "graph.nt"
    graph.serialize(destination=str(path), format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load(format="ntriples")
    started = time.perf_counter()
    owlready2.sync_reasoner_hermit(
        world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=ignore_unsupported_datatypes
    )
    elapsed = time.perf_counter() - started
    world.close()
    return elapsed


def with_ontology(*extra: Graph) -> Graph:
    graph = Graph().parse(ONTOLOGY, format="turtle").parse(VOCAB, format="turtle")
    for g in extra:
        graph += g
    return graph


def test_hermit_consistent_without_data(tmp_path: Path) -> None:
    """The ontology and vocabularies alone use only OWL 2 datatypes, so HermiT needs no special flag."""
    reason(with_ontology(), tmp_path, ignore_unsupported_datatypes=False)


def test_hermit_consistent_with_sample_individuals(tmp_path: Path) -> None:
    sample = Graph().parse(data=SAMPLE, format="turtle")
    elapsed = reason(with_ontology(sample), tmp_path)
    assert elapsed < 60


def test_hermit_consistent_with_all_conforming_shape_cases(tmp_path: Path) -> None:
    """Domains, ranges and disjointness raise no false inconsistency on realistic data: every conforming
    SHACL test file (claims of every predicate kind, designations, events, periods, conflicts) together."""
    data = Graph()
    for path in sorted(CASES_DIR.glob("*/valid.ttl")):
        data.parse(path, format="turtle")
    assert len(data) > 400
    reason(with_ontology(data), tmp_path)


@pytest.mark.parametrize(
    "turtle",
    [
        "fxd:x a fx:Country , fx:Person .",
        "fxd:x a fx:GovernmentAgency , fx:Legislature .",
        "fxd:x a fx:TripleClaim , fx:Evidence .",
        "fxd:x a fx:Initiative , fx:GovernmentAgency .",
        "fxd:x a fx:Sanction , fx:ScheduleControl .",
        "fxd:x a fx:Place ; fx:statedIn fxd:doc .",  # fx:statedIn has domain fx:Claim
        "fxd:chapitos fx:factionOf fxd:x . fxd:x a fx:Person .",  # fx:factionOf ranges over criminal organizations
    ],
    ids=["country-person", "agency-legislature", "claim-evidence", "initiative-actor", "sanction-schedule",
         "statedIn-domain", "factionOf-range"],
)
def test_hermit_detects_inconsistency(turtle: str, tmp_path: Path) -> None:
    data = Graph().parse(data=PREFIXES + turtle, format="turtle")
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        reason(with_ontology(data), tmp_path)
