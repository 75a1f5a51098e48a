# shape: cgsh:PersonShape
# expect: Violation MinCountConstraintComponent <person/yury-fedotov>
DELETE WHERE { <person/yury-fedotov> foaf:name ?n }
