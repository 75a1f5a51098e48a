# shape: cgsh:MentionShape
# expect: Violation MinCountConstraintComponent <article/insightcrime-2012-10-16-unodc-liaison-office-mexico#char=0,6>
DELETE WHERE { <article/insightcrime-2012-10-16-unodc-liaison-office-mexico#char=0,6> itsrdf:taIdentRef ?e }
