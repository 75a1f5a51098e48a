# shape: cgsh:TextSpanShape
# expect: Violation LessThanOrEqualsConstraintComponent <article/insightcrime-2012-10-16-unodc-liaison-office-mexico#char=0,6>
DELETE WHERE { <article/insightcrime-2012-10-16-unodc-liaison-office-mexico#char=0,6> nif:beginIndex ?b } ;
INSERT DATA { <article/insightcrime-2012-10-16-unodc-liaison-office-mexico#char=0,6> nif:beginIndex "300"^^xsd:nonNegativeInteger }
