# shape: cgsh:ArticleShape
# expect: Violation ClassConstraintComponent <article/insightcrime-2012-10-16-unodc-liaison-office-mexico>
DELETE WHERE { <article/insightcrime-2012-10-16-unodc-liaison-office-mexico> schema:publisher ?p } ;
INSERT DATA { <article/insightcrime-2012-10-16-unodc-liaison-office-mexico> schema:publisher <place/mx> }
