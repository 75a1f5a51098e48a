# shape: cgsh:CountryShape
# expect: Violation PatternConstraintComponent <place/mx>
DELETE WHERE { <place/mx> cg:iso3166Code ?c } ;
INSERT DATA { <place/mx> cg:iso3166Code "MEX" }
