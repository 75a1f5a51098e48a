# shape: cgsh:ArticleShape
# expect: Violation OrConstraintComponent <article/insightcrime-2012-10-16-unodc-liaison-office-mexico>
DELETE WHERE { <article/insightcrime-2012-10-16-unodc-liaison-office-mexico> schema:datePublished ?d } ;
INSERT DATA { <article/insightcrime-2012-10-16-unodc-liaison-office-mexico> schema:datePublished "16 Oct 2012" }
