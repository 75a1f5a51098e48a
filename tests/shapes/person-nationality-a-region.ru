# shape: cgsh:PersonShape
# expect: Violation ClassConstraintComponent <person/yury-fedotov>
INSERT DATA { <person/yury-fedotov> schema:nationality <place/central-america> }
