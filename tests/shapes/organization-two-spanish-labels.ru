# shape: cgsh:OrganizationShape
# expect: Violation UniqueLangConstraintComponent <organization/zetas>
INSERT DATA { <organization/zetas> rdfs:label "Los Zetas"@es, "Zetas"@es }
