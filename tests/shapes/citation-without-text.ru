# shape: cgsh:CitationShape
# expect: Violation MinCountConstraintComponent <source/pycountry-26-2-16-iso-3166-2>
DELETE WHERE { <source/pycountry-26-2-16-iso-3166-2> dcterms:bibliographicCitation ?text }
