"""The fentkg ontology namespace, generated from ontology/fentkg.ttl by `python -m fentkg.vocab_gen`.

Closed: a misspelt term raises AttributeError instead of minting a wrong IRI. Do not edit by hand.
"""
from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace


class FX(DefinedNamespace):
    """Terms of https://w3id.org/fentkg/ontology#."""

    _fail = True
    _NS = Namespace("https://w3id.org/fentkg/ontology#")

    Actor: URIRef
    Agreement: URIRef
    Announcement: URIRef
    Arrest: URIRef
    ChemicalSubstance: URIRef
    CitedWork: URIRef
    Claim: URIRef
    ClaimConflict: URIRef
    Company: URIRef
    ControlledDrug: URIRef
    Country: URIRef
    CriminalOrganization: URIRef
    Designation: URIRef
    EntityListing: URIRef
    Event: URIRef
    Evidence: URIRef
    ExtractionRun: URIRef
    Extradition: URIRef
    FiscalYear: URIRef
    GovernmentAgency: URIRef
    Hearing: URIRef
    Indictment: URIRef
    Initiative: URIRef
    InternationalOrganization: URIRef
    Launch: URIRef
    LegalInstrument: URIRef
    Legislature: URIRef
    MajorsListing: URIRef
    Meeting: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    PolicyMeasure: URIRef
    Precursor: URIRef
    Prosecution: URIRef
    ReferenceRecord: URIRef
    Resumption: URIRef
    Sanction: URIRef
    ScheduleControl: URIRef
    Seizure: URIRef
    SourceDocument: URIRef
    StatisticalObservation: URIRef
    SubstanceClass: URIRef
    Suspension: URIRef
    TerroristDesignation: URIRef
    TripleClaim: URIRef
    Visit: URIRef
    acronym: URIRef
    addressee: URIRef
    agent: URIRef
    announcedDate: URIRef
    authority: URIRef
    authorityReference: URIRef
    casNumber: URIRef
    charCount: URIRef
    chemicalName: URIRef
    chinaControlEffective: URIRef
    chinaControlStatus: URIRef
    citation: URIRef
    citationEvidence: URIRef
    citesSource: URIRef
    comparableWithoutPeriod: URIRef
    confidence: URIRef
    conflictKind: URIRef
    conflictingClaim: URIRef
    cooperatesWith: URIRef
    correspondingClass: URIRef
    date: URIRef
    deaChemicalCode: URIRef
    decisionDate: URIRef
    describes: URIRef
    designatedEntity: URIRef
    designationStatus: URIRef
    documentType: URIRef
    effectiveDate: URIRef
    enactedOn: URIRef
    endDate: URIRef
    euControlStatus: URIRef
    eventType: URIRef
    expectedUnit: URIRef
    extractionMethod: URIRef
    factionOf: URIRef
    fileName: URIRef
    footnoteNumber: URIRef
    holdsPosition: URIRef
    hsCode: URIRef
    indicator: URIRef
    iso3166Alpha2: URIRef
    launderedMoneyFor: URIRef
    leaderOf: URIRef
    legalBasis: URIRef
    location: URIRef
    lowerBound: URIRef
    lowerBoundInclusive: URIRef
    memberOf: URIRef
    mentions: URIRef
    obsValue: URIRef
    ofacProgram: URIRef
    operatesIn: URIRef
    page: URIRef
    participant: URIRef
    period: URIRef
    precursorOf: URIRef
    rank: URIRef
    rankReason: URIRef
    reason: URIRef
    recommendedTo: URIRef
    recommends: URIRef
    refArea: URIRef
    refPeriod: URIRef
    regime: URIRef
    regimeAuthority: URIRef
    renamedTo: URIRef
    reporter: URIRef
    resolution: URIRef
    reviewStatus: URIRef
    reviewedAt: URIRef
    reviewedBy: URIRef
    softwareVersion: URIRef
    sourcesPrecursorsFrom: URIRef
    statedIn: URIRef
    status: URIRef
    subjectEntity: URIRef
    suppliesPrecursorsTo: URIRef
    surfaceForm: URIRef
    suspendedCooperationWith: URIRef
    target: URIRef
    textNormalization: URIRef
    textSha256: URIRef
    traffics: URIRef
    trafficsInto: URIRef
    un1988Table: URIRef
    unDecision: URIRef
    unInForce: URIRef
    upperBound: URIRef
    upperBoundInclusive: URIRef
    url: URIRef
    usControlEffective: URIRef
    usControlStatus: URIRef
    valueQualifier: URIRef
    verdict: URIRef
    verification: URIRef
