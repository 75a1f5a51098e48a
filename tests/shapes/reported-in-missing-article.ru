# shape: cgsh:ReportedInShape
# expect: Warning ClassConstraintComponent <event/seed-presence-zetas>
INSERT DATA { <event/seed-presence-zetas> cg:reportedIn <article/not-converted> }
