# shape: cgsh:ContextShape
# expect: Violation NodeKindConstraintComponent <article/insightcrime-2012-10-16-unodc-liaison-office-mexico#context>
INSERT DATA { <article/insightcrime-2012-10-16-unodc-liaison-office-mexico#context> nif:sourceUrl "https://insightcrime.org/" }
