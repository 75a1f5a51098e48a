# shape: cgsh:ContextShape
# expect: Violation MinCountConstraintComponent <article/insightcrime-2012-10-16-unodc-liaison-office-mexico#context>
DELETE WHERE { <article/insightcrime-2012-10-16-unodc-liaison-office-mexico#context> nif:isString ?t }
