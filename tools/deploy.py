"""Deploy output/ to static hosting, only if it is a finished `make publish` build.

    python tools/deploy.py check OUTPUT
    python tools/deploy.py rsync OUTPUT DEST
    python tools/deploy.py git OUTPUT REMOTE [--branch gh-pages]

Messages are for members, in French; a refusal exits with status 1.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from publishing.record import (  # noqa: E402 - needs the plugins folder on the path
    deploy_refusals,
    marker_path,
    read_json,
    state_path,
)

# rsync: compare by content, and put every new file in place before deleting
# old ones, so the site online stays whole while it is replaced.
RSYNC_OPTIONS = [
    "--recursive",
    "--links",
    "--times",
    "--checksum",
    "--delay-updates",
    "--delete-after",
    "--chmod=D755,F644",
]
DEPLOY_REMOTE = "deploiement"


def say(message: str) -> None:
    """Tell the member something, on standard error."""
    sys.stderr.write(message + "\n")


def refusals(output_dir: str) -> list[str]:
    """Why output_dir must not be deployed (empty when it may be)."""
    return deploy_refusals(
        output_dir.rstrip("/"),
        os.path.isdir(output_dir),
        read_json(marker_path(output_dir)),
        read_json(state_path(output_dir)),
    )


def check(output_dir: str) -> int:
    """Exit status 0 if output_dir may be deployed, else 1 with the reasons."""
    problems = refusals(output_dir)
    for problem in problems:
        say(f"Déploiement refusé : {problem}")
    return 1 if problems else 0


def deploy_rsync(output_dir: str, dest: str) -> int:
    """Copy output_dir to dest (`user@host:/path` or a folder) with rsync."""
    if not dest:
        say(
            "Déploiement refusé : indiquez la destination, par exemple "
            "« make deploy-rsync DEST=utilisateur@serveur:/var/www/vigie »."
        )
        return 1
    if check(output_dir):
        return 1
    command = ["rsync", *RSYNC_OPTIONS, f"{output_dir.rstrip('/')}/", dest]
    if subprocess.run(command, check=False).returncode:
        say(f"Échec de rsync vers {dest} : le site en ligne n'a pas été remplacé.")
        return 1
    say(f"Site déployé vers {dest}.")
    return 0


def git_output(*args: str, cwd: str | Path = REPO) -> str:
    """The output of a git command, or '' if it fails."""
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def remote_location(remote: str) -> str:
    """A remote of this repository by name, or a URL or path as given."""
    named = git_output("remote", "get-url", remote)
    if named:
        return named
    return os.path.abspath(remote) if os.path.isdir(remote) else remote


def committer_env() -> dict[str, str]:
    """The environment for the deploy commit: the member's Git identity, or Vigie's."""
    name = git_output("config", "user.name") or "Vigie (publication)"
    email = git_output("config", "user.email") or "publication@vigie.invalid"
    identity = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }
    return {**identity, **os.environ}


def deploy_git(output_dir: str, remote: str, branch: str) -> int:
    """Commit output_dir as the whole tree of `branch` and push it to `remote`.

    The work happens in a scratch repository, so the project's own repository
    gets no new branch; the remote branch keeps its history (a new commit on top).
    """
    if not remote:
        say(
            "Déploiement refusé : indiquez le dépôt, par exemple "
            "« make deploy-git REMOTE=origin BRANCH=gh-pages »."
        )
        return 1
    if check(output_dir):
        return 1
    marker = read_json(marker_path(output_dir)) or {}
    state = read_json(state_path(output_dir)) or {}
    message = f"Publication de {marker.get('siteurl')} ({state.get('built_at', '')})"
    with tempfile.TemporaryDirectory(prefix="vigie-deploy-") as work:
        git_output("init", "--quiet", work, cwd=work)
        git_output("remote", "add", DEPLOY_REMOTE, remote_location(remote), cwd=work)
        git_output("fetch", "--quiet", "--depth=1", DEPLOY_REMOTE, branch, cwd=work)
        command = [
            sys.executable,
            "-m",
            "ghp_import",
            "--push",
            f"--remote={DEPLOY_REMOTE}",
            f"--branch={branch}",
            f"--message={message}",
            os.path.abspath(output_dir),
        ]
        result = subprocess.run(command, cwd=work, env=committer_env(), check=False)
    if result.returncode:
        say(f"Échec de l'envoi vers la branche {branch} de {remote}.")
        return 1
    say(f"Site déployé sur la branche {branch} de {remote}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one action."""
    parser = argparse.ArgumentParser(description="Déployer output/.")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("check").add_argument("output")
    rsync = actions.add_parser("rsync")
    rsync.add_argument("output")
    rsync.add_argument("dest", nargs="?", default="")
    git = actions.add_parser("git")
    git.add_argument("output")
    git.add_argument("remote", nargs="?", default="")
    git.add_argument("--branch", default="gh-pages")
    args = parser.parse_args(argv)
    if args.action == "check":
        return check(args.output)
    if args.action == "rsync":
        return deploy_rsync(args.output, args.dest)
    return deploy_git(args.output, args.remote, args.branch or "gh-pages")


if __name__ == "__main__":
    sys.exit(main())
