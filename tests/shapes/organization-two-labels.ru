# shape: cgsh:OrganizationShape
# expect: Violation QualifiedMaxCountConstraintComponent <organization/zetas>
INSERT DATA { <organization/zetas> rdfs:label "Zetas" }
