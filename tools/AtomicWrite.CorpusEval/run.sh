#!/usr/bin/env bash
# Runs the AtomicWrite analyzers over the real-world corpus and compares them with its labels.
#
#   tools/AtomicWrite.CorpusEval/run.sh [extra options of the tool, e.g. --only jellyfin]
#
# Environment:
#   CORPUS_TSV  the labelled rows (default: ../shared/corpus/dev.tsv next to the repository, else $CORPUS_DIR/dev.tsv)
#   MIRROR      folder of bare git directories, one per corpus repository, named OWNER+NAME/repo or OWNER+NAME.git
#               (e.g. `git clone --bare https://github.com/jellyfin/jellyfin "$MIRROR/jellyfin+jellyfin.git"`)
#   SCRATCH     where each row commit is extracted, as NAME-SHORTSHA (default /tmp/corpus); never inside this repository
#   OUT         where summary.json, report.md, rows.tsv and diagnostics.tsv go (default artifacts/corpus-eval)
#
# Only *.cs, *.csproj and *.props files are extracted (the analysis needs nothing else, and large binary blobs
# that a shallow or size-limited mirror lacks would break a full `git archive`). A tree that already exists in
# SCRATCH is used as it is, so a tree assembled by other means (see docs/evaluation.md) also works.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ -z "${CORPUS_TSV:-}" ]; then
  for c in "$root/../shared/corpus/dev.tsv" "$root/../../shared/corpus/dev.tsv"; do
    if [ -f "$c" ]; then CORPUS_TSV=$(cd "$(dirname "$c")" && pwd)/dev.tsv; break; fi
  done
fi
[ -f "${CORPUS_TSV:-}" ] || { echo "run.sh: set CORPUS_TSV to the corpus dev.tsv" >&2; exit 2; }
MIRROR=${MIRROR:-/work/.mirror}
SCRATCH=${SCRATCH:-/tmp/corpus}
OUT=${OUT:-$root/artifacts/corpus-eval}
case "$(cd "$(dirname "$SCRATCH")" 2>/dev/null && pwd)/" in
  "$root"/*) echo "run.sh: SCRATCH must be outside the repository" >&2; exit 2 ;;
esac
mkdir -p "$SCRATCH" "$OUT"

# 1. Extract every (repository, commit) of the table.
tail -n +2 "$CORPUS_TSV" | cut -f1,2 | sort -u | while IFS=$'\t' read -r repo commit; do
  [ -n "$repo" ] || continue
  name=${repo#*/}
  tree="$SCRATCH/$name-${commit:0:8}"
  if [ -d "$tree" ]; then
    echo "tree $tree: present ($(find "$tree" -name '*.cs' | wc -l) .cs files)"
    continue
  fi
  gitdir=""
  for g in "$MIRROR/${repo/\//+}/repo" "$MIRROR/${repo/\//+}.git" "$MIRROR/${repo/\//+}"; do
    if [ -d "$g" ] && git --git-dir="$g" rev-parse --git-dir >/dev/null 2>&1; then gitdir=$g; break; fi
  done
  if [ -z "$gitdir" ]; then
    echo "tree $tree: no mirror of $repo under $MIRROR; its rows are not evaluated"
    continue
  fi
  if ! git --git-dir="$gitdir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "tree $tree: commit $commit is missing from $gitdir; its rows are not evaluated"
    continue
  fi
  mkdir -p "$tree.part"
  # git archive fails on a pattern that matches nothing (a repository without any .props file), so pass only
  # the patterns this commit has.
  names=$(git --git-dir="$gitdir" ls-tree -r --name-only "$commit")
  patterns=()
  for ext in cs csproj props; do
    grep -q "\.$ext\$" <<<"$names" && patterns+=("*.$ext")
  done
  git --git-dir="$gitdir" archive "$commit" -- "${patterns[@]}" | tar -x -C "$tree.part"
  mv "$tree.part" "$tree"
  echo "tree $tree: extracted ($(find "$tree" -name '*.cs' | wc -l) .cs files)"
done

# 2. Build the tool (and with it the analyzers) and run it.
dotnet build "$here/AtomicWrite.CorpusEval.csproj" -c Release -v q --nologo >"$OUT/build.log" 2>&1 \
  || { tail -30 "$OUT/build.log"; exit 1; }
# Record which analyzer code is evaluated: this checkout's commit, and for each branch named in
# $EVAL_BRANCHES (default: none) the newest of its commits contained in this checkout.
label="checkout $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src || echo '+uncommitted src changes')"
for b in ${EVAL_BRANCHES-}; do
  if git -C "$root" rev-parse -q --verify "$b^{commit}" >/dev/null; then
    label="$label, $b@$(git -C "$root" merge-base HEAD "$b" | cut -c1-7)"
  fi
done
# NuGet.Client's own build defines IS_CORECLR (and IS_SIGNING_SUPPORTED) for its .NET targets, and IS_DESKTOP
# for .NET Framework; the ad-hoc compilation uses the .NET 8 reference assemblies, so it takes the .NET branch.
dotnet "$here/bin/Release/net10.0/AtomicWrite.CorpusEval.dll" \
  --corpus "$CORPUS_TSV" --root "$SCRATCH" --out "$OUT" --label "$label" \
  --define "NuGet.Client=IS_CORECLR;IS_SIGNING_SUPPORTED" "$@"
