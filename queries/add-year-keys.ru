# Adds the year key (cg:year) to every dated event that lacks it: RDF converted before
# crimegraph wrote the key, or made by other tools. The catalog queries find events of a
# closed date range (both from and to) through this key. Run it on a SPARQL 1.1 endpoint
# that accepts updates; for the embedded store, convert and load the data again instead
# (a reload replaces article graphs and merges dataset graphs, which adds the keys).
PREFIX cg: <https://w3id.org/crimegraph/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

# An event with a begin and an end gets a key for every year of its span (up to 100).
INSERT { GRAPH ?g { ?event cg:year ?year } }
WHERE {
  GRAPH ?g {
    ?event a sem:Event .
    OPTIONAL { ?event sem:hasTimeStamp ?timestamp }
    OPTIONAL { ?event sem:hasBeginTimeStamp ?begin }
    OPTIONAL { ?event sem:hasEndTimeStamp ?finish }
  }
  FILTER NOT EXISTS { GRAPH ?keyed { ?event cg:year ?known } }
  BIND (COALESCE(?timestamp, ?begin) AS ?date)
  FILTER (BOUND(?date))
  BIND (xsd:integer(SUBSTR(STR(?date), 1, 4)) AS ?first)
  BIND (IF(BOUND(?timestamp) || !BOUND(?finish), ?first, xsd:integer(SUBSTR(STR(?finish), 1, 4))) AS ?last)
  VALUES ?tens { 0 1 2 3 4 5 6 7 8 9 }
  VALUES ?units { 0 1 2 3 4 5 6 7 8 9 }
  BIND (?first + 10 * ?tens + ?units AS ?year)
  FILTER (?year <= ?last || (?tens = 0 && ?units = 0))
}
