"""The JSON shapes of the HTTP API (pydantic response models; OpenAPI is generated from them)."""
from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, Field


class SourceOut(BaseModel):
    doc: str = Field(description="Document id")
    title: Optional[str] = None
    published: Optional[str] = Field(None, description="YYYY[-MM[-DD]] publication date")
    outlet: Optional[str] = None
    url: Optional[str] = None
    evidence: str = Field(description="The sentence or span the fact was read from")
    span: list[int] = Field(description="[start, end) offsets of the evidence in the document text")


class DocumentSummary(BaseModel):
    doc: str
    title: Optional[str] = None
    published: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    source: str
    facts: int
    near_duplicate_of: Optional[str] = Field(None, description="The earlier document this one nearly duplicates")
    similarity: Optional[float] = Field(None, description="Estimated Jaccard similarity to that document")
    near_duplicates: list[str] = Field([], description="Later documents that nearly duplicate this one (lists only)")


class DocumentPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[DocumentSummary]


class DocumentOut(DocumentSummary):
    text: str
    sentences: list[list[int]]
    records: list[dict[str, Any]] = Field(description="The document's facts as SCHEMA.md records, with id and span")


class ParticipantOut(BaseModel):
    name: Optional[str] = None
    country: Optional[str] = None
    country_name: str = ""
    country_name_en: str = ""
    role: Optional[str] = None
    role_en: Optional[str] = Field(None, description="The role in English (titles.tsv `title_en`)")


class LocationOut(BaseModel):
    place: Optional[str] = None
    country: Optional[str] = None
    country_name: str = ""


class FigureOut(BaseModel):
    id: int
    metric: Optional[str] = None
    metric_label: str = ""
    parties: list[str]
    value: Optional[float] = None
    unit: str
    period: Optional[str] = None
    period_kind: str = Field("", description="year (a whole calendar year), part (part of a year, e.g. a year "
                                              "to date), span (several years), or empty")
    change_pct: Optional[float] = None
    is_target: bool
    named: Optional[str] = Field(None, description="Publication date of the article that states it")
    source: SourceOut


class FigurePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[FigureOut]


class EventOut(BaseModel):
    id: int = Field(description="Event id (stable while the store's facts are unchanged)")
    kind: Optional[str] = None
    kind_label: str = ""
    kind_label_en: str = ""
    date: Optional[str] = None
    sort_date: Optional[str] = None
    participants: list[ParticipantOut]
    location: Optional[LocationOut] = None
    occasion: Optional[str] = None
    countries: list[str]
    levels: list[str] = Field([], description="Levels of the participants (head, minister, deputy, party, "
                                                 "assembly, province), highest first")
    venue: str = Field("bilateral", description="bilateral or multilateral")
    sources: list[SourceOut]
    date_inferred: bool = Field(False, description="The date's year is a guess (not written, no date line)")
    date_basis: Optional[str] = Field(None, description="How the date was known: text, date_line, "
                                                        "date_line_month, context, inferred_year")
    date_note: Optional[str] = Field(None, description="Why a guessed date is a guess, in words")
    date_note_en: Optional[str] = Field(None, description="The same, in English")
    doc_date: Optional[str] = Field(None, description="An undated event: the latest date of its documents")


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventOut]


class LatestMeetingOut(EventOut):
    targets: list[FigureOut] = Field(description="Targets named in the meeting's sources")
    date_from_document: bool = Field(False, description="The event has no date: it is placed by its documents' date")


class RoleOut(BaseModel):
    role: str
    first: Optional[str] = None
    last: Optional[str] = None
    sources: list[str]


class PersonSummary(BaseModel):
    name: str
    country: Optional[str] = None
    country_name: str = ""
    current_roles: list[str]
    events: int
    documents: int


class PersonPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[PersonSummary]


class MeetingOut(EventOut):
    with_: list[ParticipantOut] = Field(alias="with", serialization_alias="with")


class CountryDisagreementOut(BaseModel):
    country: str
    country_name: str = ""
    documents: list[str] = Field(description="Documents that give this country, not the person's")


class PersonOut(PersonSummary):
    roles: list[RoleOut]
    spellings: list[str] = Field([], description="Other spellings the sources write the name in")
    country_disagreements: list[CountryDisagreementOut] = Field(
        [], description="Countries a minority of sources give the person (the person's country is the best supported)")
    meetings: list[MeetingOut] = Field(description="The latest events taken part in (all: /api/events?person=)")
    meeting_count: int = Field(0, description="Every event taken part in")
    sources: list[SourceOut]


class CountrySummary(BaseModel):
    code: str
    name: str
    name_en: str = Field("", description="English name (ISO 3166-1 short name for a country)")
    facts: int
    by_type: dict[str, int]


class LevelOut(BaseModel):
    level: str
    label: str
    label_en: str
    first: Optional[str] = None
    last: Optional[str] = None
    sources: list[SourceOut]


class SessionOut(BaseModel):
    session: int
    named: Optional[str] = None
    doc: str


class MechanismOut(BaseModel):
    name: Optional[str] = None
    what_en: Optional[str] = Field(None, description="What it is, in English (mechanism_english.tsv), where known")
    parties: list[str]
    period: Optional[str] = None
    sessions: list[SessionOut]
    sources: list[SourceOut]


class CommitmentOut(BaseModel):
    kind: str = Field(description="target | programme")
    what: Optional[str] = None
    metric: Optional[str] = Field(None, description="A target's metric")
    what_en: Optional[str] = Field(None, description="What a programme is, in English, where known")
    value: Optional[float] = None
    unit: Optional[str] = None
    period: Optional[str] = None
    named: Optional[str] = None
    status: str = Field(description="open | reached | deadline passed | planned | in force | completed")
    latest_actual: Optional[FigureOut] = None
    source: SourceOut


class AnniversaryOut(BaseModel):
    name: Optional[str] = None
    start: Optional[str] = None
    date: str = Field(description="The next date it falls on")
    years: Optional[int] = None
    parties: list[str]
    milestone: bool = Field(description="A round number of years (a multiple of five)")
    sources: list[SourceOut]


class TradeOut(BaseModel):
    actuals: list[FigureOut]
    targets: list[FigureOut]


class OfficeMeetingOut(BaseModel):
    home_role: str = Field(description="The Vietnamese side's office (as the text gives it)")
    home_name: Optional[str] = None
    other_role: str = Field(description="The counterpart's office")
    other_name: Optional[str] = None
    event_id: int
    date: Optional[str] = None
    kind: Optional[str] = None


class StatementOut(BaseModel):
    value: Optional[float] = None
    unit: Optional[str] = None
    named: Optional[str] = Field(None, description="Publication date of the article that states it")
    by: list[dict[str, Any]] = Field(description="Persons of that article (those named in the sentence first)")
    source: SourceOut


class TargetHistoryOut(BaseModel):
    metric: Optional[str] = None
    metric_label: str = ""
    period: Optional[str] = Field(None, description="The deadline (target year or period)")
    statements: list[StatementOut] = Field(description="Every statement of the target, oldest first")


class DossierOut(BaseModel):
    code: str
    name: str
    name_en: str = ""
    target_history: list[TargetHistoryOut] = []
    framework: list[LevelOut]
    latest_meeting: Optional[LatestMeetingOut] = None
    latest_by_office: list[OfficeMeetingOut] = Field(
        description="For each pair of offices, the latest meeting of their holders, newest first")
    events: list[EventOut]
    event_count: int
    trade: TradeOut
    mechanisms: list[MechanismOut]
    commitments: list[CommitmentOut]
    anniversaries: list[AnniversaryOut]


class SnippetPart(BaseModel):
    text: str
    hit: bool


class SnippetOut(BaseModel):
    start: int
    end: int
    parts: list[SnippetPart]


class SearchHit(BaseModel):
    doc: str
    title: Optional[str] = None
    published: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    score: float
    hits: int
    snippets: list[SnippetOut]


class FacetValue(BaseModel):
    value: str
    label: str
    count: int


class SearchOut(BaseModel):
    query: str
    total: int
    limit: int
    offset: int
    items: list[SearchHit]
    facets: dict[str, list[FacetValue]]


class NodeOut(BaseModel):
    id: str
    name: str
    country: Optional[str] = None
    events: int


class EdgeOut(BaseModel):
    source: str
    target: str
    events: list[int]
    weight: int


class NetworkOut(BaseModel):
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class IngestOut(BaseModel):
    doc: str
    status: str = Field(description="ingested | unchanged")
    facts: int


class ErrorOut(BaseModel):
    detail: str
