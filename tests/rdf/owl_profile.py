"""Run the OWL API's OWL 2 DL profile checker on one ontology file; print JSON.

``python tests/rdf/owl_profile.py FILE`` prints ``{"violations": [{"kind": ..., "text":
...}, ...]}``. It runs in a process of its own (started by ``tests/rdf/test_ontology_owl.py``)
so that the JVM that JPype starts never lives inside the pytest process. The OWL API is
Debian's ``libowlapi-java`` (5.1.20, the reference implementation of the OWL 2 profiles),
its dependencies the jars Debian installs with it; ``.ci/services.sh`` installs them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
#: The OWL API and the jars it needs to parse RDF and check profiles (Debian names).
JARS = ("owlapi-distribution", "guava", "caffeine", "commons-io", "commons-codec", "commons-rdf-api",
        "slf4j-api", "slf4j-nop", "atinject-jsr330-api", "jsr305", "hppcrt", "xz",
        "rdf4j-model", "rdf4j-model-api", "rdf4j-rio-api", "rdf4j-util")


def classpath() -> list[Path]:
    return [JAVA_DIR / f"{name}.jar" for name in JARS]


def missing_jars() -> list[str]:
    return [str(path) for path in classpath() if not path.is_file()]


def check(path: Path) -> list[dict[str, str]]:
    import jpype
    import jpype.imports  # noqa: F401  (makes Java packages importable)

    jpype.startJVM(classpath=[str(p) for p in classpath()], convertStrings=True)
    from java.io import File  # type: ignore[import-not-found]
    from org.semanticweb.owlapi.apibinding import OWLManager  # type: ignore[import-not-found]
    from org.semanticweb.owlapi.profiles import OWL2DLProfile  # type: ignore[import-not-found]

    manager = OWLManager.createOWLOntologyManager()
    ontology = manager.loadOntologyFromOntologyDocument(File(str(path)))
    report = OWL2DLProfile().checkOntology(ontology)
    found = []
    for violation in report.getViolations():
        expression = violation.getExpression()
        datatype = expression.getDatatype().getIRI() if hasattr(expression, "getDatatype") else None
        found.append({"kind": str(violation.getClass().getSimpleName()), "text": str(violation.toString()),
                      "datatype": str(datatype) if datatype is not None else ""})
    return found


if __name__ == "__main__":
    print(json.dumps({"violations": check(Path(sys.argv[1]))}))
