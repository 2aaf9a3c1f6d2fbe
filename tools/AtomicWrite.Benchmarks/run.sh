#!/usr/bin/env bash
# Runs every benchmark of the project in one go and writes docs/performance.md from the figures of that run.
#
#   tools/AtomicWrite.Benchmarks/run.sh              quick mode (~10-15 minutes on 2 cores)
#   tools/AtomicWrite.Benchmarks/run.sh --full       BenchmarkDotNet's default accuracy, more rounds (much longer)
#   tools/AtomicWrite.Benchmarks/run.sh --report-only   rewrite docs/performance.md from the last run's figures
#
# Environment:
#   AW_BENCH_DIR   directory on the disk under test (default: the system temp directory)
#   AW_RESULTS     where the JSON figures go (default: artifacts/benchmarks under the repository)
#   AW_CORPUS_DIR  an extracted copy of the corpus repository (default: fetched into a scratch directory, see below)
#   AW_SKIP        space-separated parts to skip: runtime peer trace stream corpus scaling build
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

mode=quick
report_only=0
for arg in "$@"; do
  case "$arg" in
    --full) mode=full ;;
    --quick) mode=quick ;;
    --report-only) report_only=1 ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done

results="${AW_RESULTS:-$root/artifacts/benchmarks}"
bench_dir="${AW_BENCH_DIR:-${TMPDIR:-/tmp}}"
export AW_BENCH_DIR="$bench_dir"
skip=" ${AW_SKIP:-} "
out_dll="$here/bin/Release/net10.0/AtomicWrite.Benchmarks.dll"
cmds=()
notes=()
run() { local c="$*"; cmds+=("${c//$root\//}"); echo "+ $*" >&2; "$@"; }
# Like run, with the output also kept in a log; not in a pipeline, so that the command is recorded in this shell.
runlog() { local log="$1"; shift; local c="$*"; cmds+=("${c//$root\//}"); echo "+ $*" >&2; "$@" | tee "$log"; }
wants() { [[ "$skip" != *" $1 "* ]]; }

# Quick mode sizes (full mode in brackets).
if [ "$mode" = quick ]; then
  peer_cycles=300; peer_warm=30
  stream_mib=256; stream_rounds=9
  corpus_runs=3
  scale_sizes=1000,2000,4000; scale_runs=2
else
  peer_cycles=2000; peer_warm=100
  stream_mib=256; stream_rounds=15
  corpus_runs=7
  scale_sizes=1000,2000,4000; scale_runs=5
fi

# Individual overrides, for trying things out (the committed figures use the defaults).
peer_cycles="${AW_PEER_CYCLES:-$peer_cycles}"
corpus_runs="${AW_CORPUS_RUNS:-$corpus_runs}"
scale_sizes="${AW_SCALE_SIZES:-$scale_sizes}"
scale_runs="${AW_SCALE_RUNS:-$scale_runs}"

corpus_repo=jellyfin/jellyfin
# The commit our real-world corpus was labelled at.
corpus_commit=c3ed1407ca698b0905de99da87b67415e6a62dbd

if [ "$report_only" = 0 ]; then
  started="$(date -u '+%Y-%m-%d %H:%M')"
  start_s=$(date +%s)
  rm -rf "$results"; mkdir -p "$results"
  load_start="$(cat /proc/loadavg)"

  run dotnet build "$here/AtomicWrite.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly

  if wants runtime; then
    runlog "$results/runtime.log" dotnet "$out_dll" runtime "$mode" "$results"
  fi

  if wants peer; then
    run npm ci --prefix "$here/node" --no-audit --no-fund --loglevel=error
    runlog "$results/peer.log" dotnet "$out_dll" peer "$here/node" "$peer_cycles" "$peer_warm" "$results"
  fi

  if wants trace; then
    if command -v strace >/dev/null 2>&1; then
      # The system calls of one replace, floor against AtomicFile, for the report.
      trace_dir="$(mktemp -d "$bench_dir/awbench-trace-XXXXXX")"
      for kind in floor atomic; do
        run strace -f -qq -s 24 -o "$results/strace-$kind.log" dotnet "$out_dll" replace-once "$kind" "$trace_dir"
      done
      rm -rf "$trace_dir"
    else
      notes+=("strace is not installed, so the system calls of one replace are not shown.")
    fi
  fi

  if wants stream; then
    runlog "$results/stream.log" dotnet "$out_dll" stream "$stream_mib" "$stream_rounds" "$results"
  fi

  if wants corpus; then
    corpus_dir="${AW_CORPUS_DIR:-}"
    if [ -z "$corpus_dir" ]; then
      # A bare mirror of the corpus repository, as the corpus README describes; only its .cs files are read.
      mirror="${AW_CORPUS_GIT_DIR:-}"
      if [ -z "$mirror" ]; then
        mirror="${TMPDIR:-/tmp}/awbench-corpus/jellyfin.git"
        [ -d "$mirror" ] || run git clone --bare --filter=blob:none "https://github.com/$corpus_repo.git" "$mirror"
      fi
      corpus_dir="${TMPDIR:-/tmp}/awbench-corpus/jellyfin-$corpus_commit"
      if [ ! -d "$corpus_dir" ]; then
        mkdir -p "$corpus_dir"
        git --git-dir="$mirror" archive "$corpus_commit" | tar -x -C "$corpus_dir"
        cmds+=("git --git-dir=$mirror archive $corpus_commit | tar -x -C $corpus_dir")
      fi
    fi
    # The analyzer modes run with tiered compilation off: Roslyn from NuGet is not precompiled, and on a busy machine
    # the background tier-up would land in the middle of the measured runs.
    runlog "$results/corpus.log" env DOTNET_TieredCompilation=0 dotnet "$out_dll" analyzers-corpus "$corpus_dir" "$corpus_repo" "$corpus_commit" sdk "$corpus_runs" "$results"
  fi

  if wants scaling; then
    runlog "$results/scaling.log" env DOTNET_TieredCompilation=0 dotnet "$out_dll" analyzers-scaling "$scale_sizes" "$scale_runs" "$results"
  fi

  if wants build; then
    sample="$root/samples/TokenStore"
    if [ -d "$sample" ]; then
      project="samples/TokenStore"
    else
      # No sample in this checkout: a small project of our own with the analyzers referenced the way the package does.
      project="artifacts/benchmarks-build-project"
      sample="$root/$project"
      notes+=("samples/TokenStore is not in this checkout; the build measurement used a small project of the script's own ($project).")
      rm -rf "$sample"; mkdir -p "$sample"
      cat > "$sample/BuildProbe.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><ProjectReference Include="$root/src/AtomicWrite.Analyzers/AtomicWrite.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" /></ItemGroup>
</Project>
XML
      cat > "$sample/TokenFile.cs" <<'CS'
using System.IO;
using System.Text.Json;

public sealed record Tokens(string AccessToken, string RefreshToken);

public static class TokenFile
{
    public static void Save(string directory, Tokens tokens) =>
        File.WriteAllText(Path.Combine(directory, "tokens.json"), JsonSerializer.Serialize(tokens));

    public static Tokens? Load(string directory) =>
        JsonSerializer.Deserialize<Tokens>(File.ReadAllText(Path.Combine(directory, "tokens.json")));
}
CS
    fi
    # The first build restores and builds the project's references; the second rebuilds the project alone and is the one measured.
    dotnet build "$sample" --nologo -v q >/dev/null 2>&1 || true
    build_cmd=(dotnet build "$sample" --no-incremental --no-dependencies --nologo -p:ReportAnalyzer=true -v:d)
    run "${build_cmd[@]}" > "$results/build.log" 2>&1 || notes+=("the build of $project failed; see the build log")
    dotnet "$out_dll" build-log "$results/build.log" "$project" "dotnet build $project --no-incremental --no-dependencies -p:ReportAnalyzer=true -v:d" "$results"
  fi

  elapsed=$(( $(date +%s) - start_s ))
  notes+=("the measurements of this run took $((elapsed / 60)) min $((elapsed % 60)) s of wall time (build included).")
  fs="$(df -T "$bench_dir" | awk 'NR==2 {print $2 " on " $1}')"
  python3 - "$results/context.json" "$started" "$mode" "$(git rev-parse HEAD)" "$(git rev-parse --abbrev-ref HEAD)" \
    "$(dotnet --version)" "$bench_dir" "$fs" "$load_start" <<'PY' "${cmds[@]}" -- "${notes[@]+"${notes[@]}"}"
import json, sys
a = sys.argv[1:]
path, started, mode, commit, branch, sdk, bench, fs, load = a[:9]
rest = a[9:]
sep = rest.index('--')
json.dump({"StartedUtc": started, "Mode": mode, "GitCommit": commit, "GitBranch": branch, "SdkVersion": sdk,
           "BenchDir": bench, "FileSystem": fs, "LoadAtStart": load, "Commands": rest[:sep], "Notes": rest[sep+1:]},
          open(path, "w"), indent=2)
PY
fi

[ -f "$out_dll" ] || dotnet build "$here/AtomicWrite.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly
dotnet "$out_dll" report "$results" "$results/context.json" "$root/docs/performance.md" "$here/analysis.md"
echo "wrote $root/docs/performance.md" >&2
