# shape: cgsh:RoleShape
# expect: Violation MaxCountConstraintComponent <person/yury-fedotov/role/executive-director-united-nations-office-on-drugs-and-crime>
INSERT DATA { <person/yury-fedotov/role/executive-director-united-nations-office-on-drugs-and-crime> org:member <person/alfonso-portillo> }
