# shape: cgsh:OrganizationShape
# expect: Violation ClassConstraintComponent <organization/zetas>
INSERT DATA { <organization/zetas> org:subOrganizationOf <place/mx> }
