"""The build record: what built output/, and whether that build finished.

Two small JSON files. `output/.vigie-build.json` is written when a build ends
well and says its kind (`local` or `publish`) and address. The state file
beside output/ (`.output-build.json`) is marked `started` when a build starts
and `complete` when it ends, so a build that failed half-way, or that left
output/ untouched because a file was bad, is still seen as failed.
"""

import json
import os

from seo.urls import is_public_url

MARKER_NAME = ".vigie-build.json"
PUBLISH = "publish"
LOCAL = "local"
STARTED = "started"
COMPLETE = "complete"


def marker_path(output_dir: str) -> str:
    """Where the build marker lives: inside the output folder."""
    return os.path.join(output_dir, MARKER_NAME)


def state_path(output_dir: str) -> str:
    """Where the build state lives: beside the output folder, so no build wipes it."""
    parent, name = os.path.split(os.path.abspath(output_dir))
    return os.path.join(parent, f".{name}-build.json")


def build_marker(kind: str, siteurl: str) -> dict:
    """The marker of a finished build (no date: two builds give equal bytes)."""
    return {"kind": kind, "siteurl": siteurl}


def build_state(status: str, built_at: str = "") -> dict:
    """The state of the latest build of an output folder, kept beside it."""
    return {"status": status, "built_at": built_at}


def read_json(path: str) -> dict | None:
    """A JSON object from a file, or None if it is missing or not one."""
    try:
        with open(path, encoding="utf-8") as source:
            data = json.load(source)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_json(path: str, data: dict) -> None:
    """Write a small JSON object, replacing the file whole."""
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    os.replace(temporary, path)


def deploy_refusals(
    output_dir: str, is_folder: bool, marker: dict | None, state: dict | None
) -> list[str]:
    """Why output_dir must not be deployed, in French; empty when it may be."""
    again = "lancez « make publish », puis déployez."
    if not is_folder:
        return [f"le dossier {output_dir}/ n'existe pas : {again}"]
    if marker is None:
        return [
            f"{output_dir}/ ne vient pas d'une construction terminée "
            f"({MARKER_NAME} manque) : {again}"
        ]
    problems = []
    if marker.get("kind") != PUBLISH:
        problems.append(
            f"{output_dir}/ a été construit par « make html », avec des adresses "
            f"locales : {again}"
        )
    elif not is_public_url(str(marker.get("siteurl", ""))):
        problems.append(
            f"{output_dir}/ a été construit pour l'adresse "
            f"« {marker.get('siteurl', '')} », qui n'est pas publique : "
            "donnez la bonne avec « make publish SITEURL=https://… »."
        )
    if state is not None and state.get("status") != COMPLETE:
        problems.append(
            f"la dernière construction de {output_dir}/ a échoué ou ne s'est pas "
            "terminée : corrigez les erreurs signalées, relancez « make publish », "
            "puis déployez."
        )
    return problems
