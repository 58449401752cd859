"""A remote store: SPARQL 1.1 Graph Store HTTP Protocol to load, SPARQL 1.1 Protocol to query.

Loading PUTs the Turtle to ``<endpoint>?graph=<IRI>``: PUT replaces the graph, so reloading
never duplicates a triple. The store's count is read back with a GET of the same graph, so
one URL is enough whatever the server (Virtuoso, Fuseki, GraphDB, Oxigraph server).
Credentials (``--user``/``--password``, else ``TIMELINEGRAPH_ENDPOINT_USER`` /
``TIMELINEGRAPH_ENDPOINT_PASSWORD``, else ``user:password@`` in the URL) are answered to
basic or digest challenges (Virtuoso's ``/sparql-graph-crud-auth`` uses digest) and never
appear in any message: URLs are shown without user, password or query string.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from ..errors import EndpointError
from .oxigraph import triples_results
from .prefixes import with_prefixes
from .results import Results, results_from_json
from .sparql_text import query_form

__all__ = ["Endpoint", "endpoint_from", "get_graph", "put_graph", "query_endpoint"]

USER_ENV, PASSWORD_ENV = "TIMELINEGRAPH_ENDPOINT_USER", "TIMELINEGRAPH_ENDPOINT_PASSWORD"
_RDF_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
}
_RESULTS_ACCEPT = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Endpoint:
    """Where to send requests, and as whom; ``shown`` is the URL safe to print."""

    url: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 120.0

    @property
    def shown(self) -> str:
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def endpoint_from(url: str, user: str | None = None, password: str | None = None) -> Endpoint:
    """An Endpoint from the URL and the options, falling back to the environment."""
    parts = urlsplit(url)
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        shown = urlunsplit((parts.scheme, parts.hostname or "", parts.path, "", ""))
        raise EndpointError(f"--endpoint {shown}: not an http(s) URL")
    user = user or os.environ.get(USER_ENV) or parts.username
    password = password or os.environ.get(PASSWORD_ENV) or parts.password
    netloc = parts.netloc.rsplit("@", 1)[-1]  # credentials never travel in the URL
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    return Endpoint(clean, user, password)


def put_graph(endpoint: Endpoint, graph: str, turtle: bytes) -> None:
    """Replace the named graph ``graph`` with ``turtle`` (HTTP PUT, Graph Store Protocol)."""
    headers = {"Content-Type": "text/turtle; charset=utf-8"}
    _send(endpoint, _graph_url(endpoint, graph), "PUT", turtle, headers)


def get_graph(endpoint: Endpoint, graph: str) -> set[ox.Triple]:
    """The triples the store holds in ``graph`` (HTTP GET, Graph Store Protocol)."""
    body, content_type = _send(
        endpoint, _graph_url(endpoint, graph), "GET", None, {"Accept": _GRAPH_ACCEPT}
    )
    rdf_format = _RDF_TYPES.get(content_type)
    if rdf_format is None:
        raise EndpointError(f"{endpoint.shown}: answered {content_type!r}, not RDF")
    try:
        return set(ox.parse(body, format=rdf_format))
    except SyntaxError as exc:
        raise EndpointError(f"{endpoint.shown}: unreadable graph in the answer ({exc})") from None


def query_endpoint(endpoint: Endpoint, query: str, graph: str | None = None) -> Results:
    """Run ``query`` (our prefixes predeclared) with the SPARQL 1.1 Protocol (POST, form).

    With ``graph``, it is sent as ``default-graph-uri``, so the query sees that graph only.
    """
    fields = [("query", with_prefixes(query))]
    if graph is not None:
        fields.append(("default-graph-uri", graph))
    form = query_form(query)
    accept = _GRAPH_ACCEPT if form in ("CONSTRUCT", "DESCRIBE") else _RESULTS_ACCEPT
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
    body, content_type = _send(
        endpoint, endpoint.url, "POST", urlencode(fields).encode("utf-8"), headers
    )
    if content_type in ("application/sparql-results+json", "application/json"):
        try:
            results = results_from_json(json.loads(body.decode("utf-8")))
        except (ValueError, KeyError, AttributeError) as exc:
            raise EndpointError(f"{endpoint.shown}: unreadable results ({exc})") from None
        return _as_boolean(results) if form == "ASK" else results
    if content_type in _RDF_TYPES:  # CONSTRUCT or DESCRIBE
        try:
            return triples_results(ox.parse(body, format=_RDF_TYPES[content_type]))
        except SyntaxError as exc:
            raise EndpointError(f"{endpoint.shown}: unreadable RDF ({exc})") from None
    raise EndpointError(f"{endpoint.shown}: answered {content_type!r}, not SPARQL results")


def _as_boolean(results: Results) -> Results:
    """An ASK answer; Virtuoso sends it as rows binding ``__ASK_RETVAL``: 1, or no row."""
    if results.boolean is not None:
        return results
    first = results.rows[0][0] if results.rows and results.rows[0] else None
    return Results(boolean=first is not None and first.value in ("1", "true"))


def _graph_url(endpoint: Endpoint, graph: str) -> str:
    joiner = "&" if urlsplit(endpoint.url).query else "?"
    return f"{endpoint.url}{joiner}{urlencode({'graph': graph})}"


def _send(
    endpoint: Endpoint, url: str, method: str, data: bytes | None, headers: dict[str, str]
) -> tuple[bytes, str]:
    """One HTTP exchange; the body and its media type, or a one-line EndpointError."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with _opener(endpoint).open(request, timeout=endpoint.timeout) as response:
            content_type = response.headers.get_content_type()
            return response.read(), content_type
    except urllib.error.HTTPError as exc:
        raise EndpointError(_http_problem(endpoint, exc)) from None
    except urllib.error.URLError as exc:
        raise EndpointError(f"{endpoint.shown}: cannot reach the endpoint ({exc.reason})") from None
    except TimeoutError:
        raise EndpointError(f"{endpoint.shown}: no answer within {endpoint.timeout:g} s") from None
    except (OSError, ValueError) as exc:
        raise EndpointError(f"{endpoint.shown}: request failed ({exc})") from None


def _opener(endpoint: Endpoint) -> urllib.request.OpenerDirector:
    if endpoint.user is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, endpoint.url, endpoint.user, endpoint.password or "")
    return urllib.request.build_opener(
        urllib.request.HTTPDigestAuthHandler(passwords),
        urllib.request.HTTPBasicAuthHandler(passwords),
    )


def _http_problem(endpoint: Endpoint, exc: urllib.error.HTTPError) -> str:
    message = f"{endpoint.shown}: HTTP {exc.code} {exc.reason}"
    if exc.code in (401, 403):
        who = "no credentials given" if endpoint.user is None else "credentials refused"
        return f"{message} ({who}; use --user/--password or {USER_ENV}/{PASSWORD_ENV})"
    detail = _first_text_line(exc.read() if exc.fp is not None else b"")
    return f"{message}: {detail}" if detail else message


def _first_text_line(body: bytes) -> str:
    text = _TAG.sub(" ", body.decode("utf-8", errors="replace"))
    for line in text.splitlines():
        if line.strip():
            line = " ".join(line.split())
            return line if len(line) <= 300 else line[:299] + "…"
    return ""
