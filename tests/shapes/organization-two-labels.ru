# shape: cgsh:OrganizationShape
# expect: Violation MaxCountConstraintComponent <organization/zetas>
INSERT DATA { <organization/zetas> rdfs:label "Zetas" }
