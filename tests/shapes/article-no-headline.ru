# shape: cgsh:ArticleShape
# expect: Violation MinCountConstraintComponent <article/insightcrime-2012-10-16-unodc-liaison-office-mexico>
DELETE WHERE { <article/insightcrime-2012-10-16-unodc-liaison-office-mexico> schema:headline ?h }
