# shape: cgsh:CountryShape
# expect: Violation MinCountConstraintComponent <place/gt>
DELETE WHERE { <place/gt> cg:iso3166Code ?c }
