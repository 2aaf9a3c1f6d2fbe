#!/usr/bin/env bash
# Power-cut test: a writer rewrites /state.json on a virtio-blk disk inside a QEMU VM, the host SIGKILLs QEMU at a
# random moment, then reads the file back from the disk image without the guest and checks it.
#
#   tests/AtomicWrite.PowerCut/powercut.sh build
#       builds the pieces once: the writer (NativeAOT, else self-contained ReadyToRun), the initramfs (busybox-static,
#       the virtio/xfs modules in dependency order, the writer and its libraries) and the pristine disk images.
#   tests/AtomicWrite.PowerCut/powercut.sh run [--fs ext4|xfs] [--writer atomic|inplace|tmp-move] [--cuts N]
#       builds if needed, then runs N cuts; one line per cut, then one "summary" line.
#   tests/AtomicWrite.PowerCut/powercut.sh series [--cuts N] [--fs "ext4 xfs"] [--writers "atomic inplace tmp-move"]
#       runs every writer on every file system and prints a markdown table (file system, writer, cuts, kill delays,
#       torn, lost committed writes, fsck repairs, cuts that only needed a journal replay, cuts that left a temp file).
#   tests/AtomicWrite.PowerCut/powercut.sh table LOG...
#       the same table from the "cut ..." lines of earlier runs (a long run split over several logs adds up).
#
# Exit codes: 0 done (whatever the verdicts; read the summary), 3 the VM could not boot (no result), 2 bad usage,
# 1 other error. Prerequisites (Debian): qemu-system-x86 linux-image-cloud-amd64 busybox-static e2fsprogs xfsprogs
# cpio kmod clang lld, and the .NET SDK.
#
# Environment:
#   POWERCUT_WORK          work folder (default: artifacts/powercut under the repository)
#   POWERCUT_ACCEL         kvm or tcg to force one (default: kvm when /dev/kvm works, else tcg)
#   POWERCUT_KILL_MIN_MS   earliest kill after the first "committed" line (default 300)
#   POWERCUT_KILL_MAX_MS   latest kill after the first "committed" line (default 3000)
#   POWERCUT_LOG           keep each cut's console log and file under this folder (default: not kept)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(realpath -m "${POWERCUT_WORK:-$root/artifacts/powercut}")"
kill_min="${POWERCUT_KILL_MIN_MS:-300}"
kill_max="${POWERCUT_KILL_MAX_MS:-3000}"
image_mib=1024
kvm_boot_timeout=10
tcg_boot_timeout=90

log() { echo "powercut: $*" >&2; }
die() { log "$*"; exit 1; }
novm() { log "VM CANNOT RUN: $*"; exit 3; }

kernel_version() {
  local k
  k=$(ls -1 /boot/vmlinuz-*-cloud-amd64 2>/dev/null | sort -V | tail -1)
  [ -n "$k" ] || novm "no /boot/vmlinuz-*-cloud-amd64 (apt-get install linux-image-cloud-amd64)"
  basename "$k" | sed 's/^vmlinuz-//'
}

need_tools() {
  local t missing=()
  for t in qemu-system-x86_64 busybox mkfs.ext4 e2fsck debugfs cpio gzip modprobe dotnet; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  [ -x /bin/busybox ] && file_is_static /bin/busybox || missing+=("busybox-static")
  [ ${#missing[@]} -eq 0 ] || novm "missing tools: ${missing[*]}"
}

file_is_static() { ! ldd "$1" >/dev/null 2>&1; }

# ---------------------------------------------------------------- build
build_writer() {
  local out="$work/writer" kind
  mkdir -p "$out"
  kind=aot
  if ! command -v clang >/dev/null 2>&1 || ! { command -v ld.lld >/dev/null 2>&1 || command -v lld >/dev/null 2>&1; }; then
    kind=r2r
  fi
  if [ "$kind" = aot ] && ! dotnet publish "$here/Writer" --disable-build-servers -c Release -r linux-x64 -p:PowerCutPublish=aot \
      -o "$out/aot" >"$work/publish-aot.log" 2>&1; then
    log "NativeAOT publish failed (see $work/publish-aot.log); falling back to self-contained ReadyToRun"
    kind=r2r
  fi
  if [ "$kind" = r2r ]; then
    dotnet publish "$here/Writer" --disable-build-servers -c Release -r linux-x64 -p:PowerCutPublish=r2r -o "$out/r2r" \
      >"$work/publish-r2r.log" 2>&1 || die "writer publish failed (see $work/publish-r2r.log)"
  fi
  ln -sfn "$kind" "$out/current"
  echo "$kind" >"$work/writer.kind"
  log "writer published ($kind)"
}

build_initramfs() {
  local kver="$1" dir="$work/initramfs" m lib
  rm -rf "$dir"
  mkdir -p "$dir"/{bin,dev,proc,sys,mnt,lib/modules,lib64,lib/x86_64-linux-gnu}
  cp /bin/busybox "$dir/bin/busybox"
  cp "$work/writer/current/powercut-writer" "$dir/bin/powercut-writer"
  # The writer's shared libraries (NativeAOT links libc and libm dynamically), and OpenSSL, which the runtime loads
  # with dlopen for RandomNumberGenerator (the library draws its temp names from it).
  local ssl
  for ssl in libssl.so.3 libcrypto.so.3; do
    ssl=$(ls /usr/lib/x86_64-linux-gnu/$ssl /lib/x86_64-linux-gnu/$ssl 2>/dev/null | head -1)
    [ -n "$ssl" ] || die "no $ssl on the host (apt-get install libssl3)"
    mkdir -p "$dir$(dirname "$ssl")"
    cp -L "$ssl" "$dir$ssl"
  done
  for lib in $( { ldd "$work/writer/current/powercut-writer"; ldd "$dir"/usr/lib/x86_64-linux-gnu/lib*.so.3 "$dir"/lib/x86_64-linux-gnu/lib*.so.3 2>/dev/null; } \
      | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $1 !~ /:$/ {print $1}' | sort -u); do
    mkdir -p "$dir$(dirname "$lib")"
    cp -L "$lib" "$dir$lib"
  done
  # Modules in dependency order: virtio_pci and virtio_blk for the disk, xfs for the xfs runs (ext4 is built in).
  : >"$dir/modules.order"
  for m in virtio_pci virtio_blk xfs; do
    modprobe -S "$kver" --show-depends "$m" | awk '$1 == "insmod" {print $2}'
  done | awk '!seen[$0]++' | while read -r m; do
    local plain
    plain=$(basename "$m")
    case "$m" in
      *.ko.xz) xz -dc "$m" >"$dir/lib/modules/${plain%.xz}"; plain=${plain%.xz} ;;
      *.ko.zst) zstd -qdc "$m" >"$dir/lib/modules/${plain%.zst}"; plain=${plain%.zst} ;;
      *.ko.gz) gzip -dc "$m" >"$dir/lib/modules/${plain%.gz}"; plain=${plain%.gz} ;;
      *) cp "$m" "$dir/lib/modules/$plain" ;;
    esac
    echo "$plain" >>"$dir/modules.order"
  done
  cat >"$dir/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /modules.order); do insmod /lib/modules/$m 2>/dev/null; done
mode=; seed=1; fs=ext4
for arg in $(cat /proc/cmdline); do
  case "$arg" in
    pc_mode=*) mode=${arg#pc_mode=} ;;
    pc_seed=*) seed=${arg#pc_seed=} ;;
    pc_fs=*) fs=${arg#pc_fs=} ;;
  esac
done
i=0
while [ ! -b /dev/vda ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
if mount -t "$fs" /dev/vda /mnt; then
  echo "powercut: mounted $fs"
  /bin/powercut-writer write "$mode" /mnt/state.json "$seed"
  echo "powercut: writer exited rc=$?"
else
  echo "powercut: mount failed"
fi
poweroff -f
EOF
  chmod +x "$dir/init"
  (cd "$dir" && find . | sort | cpio -o -H newc --quiet | gzip -1) >"$work/initramfs.cpio.gz"
  cp "/boot/vmlinuz-$kver" "$work/vmlinuz"
  log "initramfs built for $kver ($(wc -l <"$dir/modules.order") modules)"
}

seed_document() { printf '{"seq":0,"size":4,"payload":"aaaa"}\n'; }

build_images() {
  local seedir="$work/seed" mnt
  rm -rf "$seedir"; mkdir -p "$seedir"
  seed_document >"$seedir/state.json"
  rm -f "$work/ext4.img"
  truncate -s "${image_mib}M" "$work/ext4.img"
  # ext4 with mkfs.ext4's default options; -d puts the first state.json (seq 0) in place without a mount.
  mkfs.ext4 -q -F -d "$seedir" "$work/ext4.img"
  rm -f "$work/xfs.img"
  if command -v mkfs.xfs >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    truncate -s "${image_mib}M" "$work/xfs.img"
    mkfs.xfs -q -f "$work/xfs.img"
    mnt=$(mktemp -d)
    if mount -o loop "$work/xfs.img" "$mnt" 2>/dev/null; then
      seed_document >"$mnt/state.json"
      sync
      umount "$mnt"
    else
      rm -f "$work/xfs.img"
      log "cannot loop-mount; no xfs image"
    fi
    rmdir "$mnt"
  fi
  log "disk images built"
}

build() {
  need_tools
  mkdir -p "$work"
  local kver
  kver=$(kernel_version)
  build_writer
  build_initramfs "$kver"
  build_images
  echo "$kver" >"$work/built"
}

ensure_built() {
  if [ ! -f "$work/built" ] || [ ! -f "$work/initramfs.cpio.gz" ] || [ ! -f "$work/ext4.img" ] \
     || [ -n "$(find "$here/Writer" "$root/src/AtomicWrite" "$0" -newer "$work/built" \( -name '*.cs' -o -name '*.csproj' -o -name '*.sh' \) 2>/dev/null | grep -v '/obj/\|/bin/' | head -1)" ]; then
    build
  fi
}

# ---------------------------------------------------------------- one cut
accel_now() {
  if [ -n "${POWERCUT_ACCEL:-}" ]; then echo "$POWERCUT_ACCEL"; return; fi
  if [ -f "$work/accel" ]; then cat "$work/accel"; return; fi
  if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then echo kvm; else echo tcg; fi
}

# start_vm <accel> <fs> <mode> <seed> <image> <console-log>: starts QEMU as a child of this shell, its pid in vm_pid.
start_vm() {
  local accel="$1" fs="$2" mode="$3" seed="$4" img="$5" console="$6" cpu
  if [ "$accel" = kvm ]; then cpu=host; else cpu=max; fi
  # cache=writeback: the guest sees a volatile write cache and sends flushes, which QEMU passes on (fdatasync).
  # What a SIGKILL of QEMU loses is what a power cut loses from RAM: the guest's page cache and its queued I/O.
  qemu-system-x86_64 -accel "$accel" -cpu "$cpu" -m 512 -smp 1 -nodefaults -no-reboot \
    -display none -monitor none -serial "file:$console" \
    -kernel "$work/vmlinuz" -initrd "$work/initramfs.cpio.gz" \
    -append "console=ttyS0 quiet panic=-1 no_timer_check pc_mode=$mode pc_seed=$seed pc_fs=$fs" \
    -drive "file=$img,format=raw,if=virtio,cache=writeback,aio=threads" \
    </dev/null >"$console.qemu" 2>&1 &
  vm_pid=$!
}

# wait_first_commit <pid> <console> <timeout-s>: 0 when "committed 1" showed up, 1 on timeout or QEMU's death,
# 2 when the guest booted but the mount or the writer failed.
wait_first_commit() {
  local pid="$1" console="$2" limit=$(( $3 * 20 )) i=0
  while [ $i -lt $limit ]; do
    if grep -q '^committed 1\b' "$console" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    if grep -q '^powercut: \(mount failed\|writer exited\)' "$console" 2>/dev/null; then return 2; fi
    sleep 0.05
    i=$((i + 1))
  done
  return 1
}

# read_back <fs> <image> <out-file>: replays the journal/log and checks the file system, copies /state.json out.
# Prints the fsck verdict: clean, replayed (journal recovery or orphan cleanup only), repaired:<rc>, or failed:<rc>.
read_back() {
  local fs="$1" img="$2" out="$3" rc verdict mnt fsck_log="$2.fsck"
  rm -f "$out"
  if [ "$fs" = ext4 ]; then
    set +e; e2fsck -fp "$img" >"$fsck_log" 2>&1; rc=$?; set -e
    if [ $rc -eq 0 ]; then verdict=clean
    elif [ $rc -eq 1 ] && ! grep -v -E ': (recovering journal|Clearing orphaned inode|clean,|[0-9]+/[0-9]+ files)|^$' "$fsck_log" \
         | grep -v -E 'orphan|Truncating|Clearing' | grep -q .; then verdict=replayed
    elif [ $rc -le 3 ]; then verdict="repaired:$rc"
    else verdict="failed:$rc"
    fi
    debugfs -R "ls -p /" "$img" 2>/dev/null | awk -F/ 'NF > 5 && $6 != "." && $6 != ".." && $6 != "lost+found" && $6 != "state.json"' | wc -l >"$img.temps"
    if debugfs -R "stat /state.json" "$img" 2>/dev/null | grep -q '^Inode:'; then
      debugfs -R "cat /state.json" "$img" >"$out" 2>/dev/null
    fi
  else
    mnt=$(mktemp -d)
    # nouuid: every cut image is a copy of one file system, and runs side by side would otherwise clash on its UUID.
    if mount -o loop,nouuid "$img" "$mnt" 2>"$fsck_log"; then
      [ -e "$mnt/state.json" ] && cp "$mnt/state.json" "$out"
      find "$mnt" -mindepth 1 -maxdepth 1 ! -name state.json | wc -l >"$img.temps"
      umount "$mnt"
      set +e; xfs_repair -n "$img" >>"$fsck_log" 2>&1; rc=$?; set -e
      if [ $rc -eq 0 ]; then verdict=clean; else verdict="repaired:$rc"; fi
    else
      verdict="failed:mount"
    fi
    rmdir "$mnt"
  fi
  echo "$verdict"
}

# complete_lines <file>: the file without a last line that has no line feed.
complete_lines() {
  if [ -n "$(tail -c 1 "$1")" ]; then sed '$d' "$1"; else cat "$1"; fi
}

# cut <n> <fs> <mode>: prints "cut N fs=.. writer=.. accel=.. kill_ms=.. committed=.. fsck=.. verdict ..."
cut() {
  local n="$1" fs="$2" mode="$3" img="$work/cut.$$.img" console="$work/cut.$$.console" state="$work/cut.$$.state" accel pid seed delay committed fsck verdict started boot_ms attempts=0 vm_pid
  seed=$(( (RANDOM << 15) | RANDOM ))
  accel=$(accel_now)
  while :; do
    cp --sparse=always "$work/$fs.img" "$img"
    : >"$console"
    started=$(date +%s%N)
    start_vm "$accel" "$fs" "$mode" "$seed" "$img" "$console"
    pid=$vm_pid
    attempts=$((attempts + 1))
    local timeout=$tcg_boot_timeout
    [ "$accel" = kvm ] && timeout=$kvm_boot_timeout
    local waited=0
    wait_first_commit "$pid" "$console" "$timeout" || waited=$?
    [ $waited -eq 0 ] && { boot_ms=$(( ($(date +%s%N) - started) / 1000000 )); break; }
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ $waited -eq 1 ] && [ "$accel" = kvm ] && [ -z "${POWERCUT_ACCEL:-}" ]; then
      log "KVM boot did not reach the first commit within ${kvm_boot_timeout}s; using TCG from now on"
      echo tcg >"$work/accel"
      accel=tcg
      continue
    fi
    log "the VM did not reach the first commit ($accel, attempt $attempts); console:"
    tail -20 "$console" >&2 || true
    tail -5 "$console.qemu" >&2 || true
    # A boot that fails (a TCG boot on a loaded host can miss its timer checks) is no result: boot again, three times.
    [ $waited -eq 1 ] && [ $attempts -lt 3 ] && continue
    exit 3
  done
  [ "$accel" = kvm ] && [ ! -f "$work/accel" ] && echo kvm >"$work/accel"
  delay=$(( kill_min + ( ((RANDOM << 15) | RANDOM) % (kill_max - kill_min + 1) ) ))
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  # Every line in the console file was written by QEMU before it died, so each "committed N" there is a write that
  # had returned in the guest before the cut. Only whole lines count: the kill can cut the last one short
  # ("committed 30" of "committed 306").
  committed=$(complete_lines "$console" | tr -d '\r' | grep -a -o '^committed [0-9]*$' | tail -1 | awk '{print $2}')
  [ -n "$committed" ] || die "no whole 'committed' line on the console after the first commit was seen: $console"
  fsck=$(read_back "$fs" "$img" "$state")
  if [ -f "$state" ]; then
    verdict=$("$work/writer/current/powercut-writer" check "$state" "$committed")
  else
    verdict=missing
  fi
  temps=$(cat "$img.temps" 2>/dev/null || echo "?")
  echo "cut $n fs=$fs writer=$mode accel=$accel boot_ms=$boot_ms kill_ms=$delay temps=$temps committed=$committed fsck=$fsck $verdict"
  if [ -n "${POWERCUT_LOG:-}" ]; then
    mkdir -p "$POWERCUT_LOG"
    cp "$console" "$POWERCUT_LOG/$fs-$mode-$n.console"
    [ -f "$state" ] && head -c 2000 "$state" >"$POWERCUT_LOG/$fs-$mode-$n.state"
    cp "$img.fsck" "$POWERCUT_LOG/$fs-$mode-$n.fsck" 2>/dev/null || true
  fi
  rm -f "$img" "$state" "$img.fsck" "$img.temps" "$console" "$console.qemu"
}

run() {
  local fs=ext4 mode=atomic cuts=20 i torn=0 lost=0 repairs=0 ok=0 line accel
  while [ $# -gt 0 ]; do
    case "$1" in
      --fs) fs="$2"; shift 2 ;;
      --writer) mode="$2"; shift 2 ;;
      --cuts) cuts="$2"; shift 2 ;;
      *) log "unknown argument $1"; exit 2 ;;
    esac
  done
  case "$mode" in atomic|inplace|tmp-move) ;; *) log "unknown writer $mode"; exit 2 ;; esac
  case "$fs" in ext4|xfs) ;; *) log "unknown file system $fs"; exit 2 ;; esac
  ensure_built
  [ -f "$work/$fs.img" ] || novm "no $fs image (xfs needs mkfs.xfs and root for a loop mount)"
  for ((i = 1; i <= cuts; i++)); do
    line=$(cut "$i" "$fs" "$mode") || exit $?
    echo "$line"
    accel=$(sed -n 's/.* accel=\([a-z]*\) .*/\1/p' <<<"$line")
    case "$line" in
      *" ok "*) ok=$((ok + 1)) ;;
      *" lost "*) lost=$((lost + 1)) ;;
      *) torn=$((torn + 1)) ;;
    esac
    case "$line" in *" fsck=repaired"*|*" fsck=failed"*) repairs=$((repairs + 1)) ;; esac
  done
  echo "summary fs=$fs writer=$mode cuts=$cuts ok=$ok torn=$torn lost=$lost fsck_repairs=$repairs accel=$accel writer_build=$(cat "$work/writer.kind")"
}

series() {
  local cuts=20 fss="ext4" writers="atomic inplace tmp-move" fs w lines
  while [ $# -gt 0 ]; do
    case "$1" in
      --cuts) cuts="$2"; shift 2 ;;
      --fs) fss="$2"; shift 2 ;;
      --writers) writers="$2"; shift 2 ;;
      *) log "unknown argument $1"; exit 2 ;;
    esac
  done
  lines=$(mktemp)
  for fs in $fss; do
    for w in $writers; do
      run --fs "$fs" --writer "$w" --cuts "$cuts" | tee -a "$lines" >&2 || { rm -f "$lines"; exit 3; }
    done
  done
  table "$lines"
  rm -f "$lines"
}

# table [files...]: one markdown row per file system and writer from "cut ..." lines (files or stdin), with the kill
# delays seen, so that runs split over several logs add up.
table() {
  cat "$@" | awk '
    /^cut / {
      fs = ""; w = ""; k = 0; v = ""; f = ""; t = 0
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^fs=/) fs = substr($i, 4)
        else if ($i ~ /^writer=/) w = substr($i, 8)
        else if ($i ~ /^kill_ms=/) k = substr($i, 9) + 0
        else if ($i ~ /^temps=/) t = substr($i, 7) + 0
        else if ($i ~ /^fsck=/) { f = substr($i, 6); v = $(i + 1) }
      }
      key = fs " " w
      if (!(key in cuts)) { order[++n] = key; lo[key] = k; hi[key] = k }
      cuts[key]++
      if (k < lo[key]) lo[key] = k
      if (k > hi[key]) hi[key] = k
      if (v == "lost") lost[key]++
      else if (v != "ok") torn[key]++
      if (f ~ /^(repaired|failed)/) rep[key]++
      if (f == "replayed") replayed[key]++
      if (t > 0) temps[key]++
    }
    END {
      print "| file system | writer | cuts | kill after first commit | torn | lost committed writes | fsck repairs | journal replay only | temp file left |"
      print "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
      for (j = 1; j <= n; j++) {
        key = order[j]; split(key, p, " ")
        printf "| %s | %s | %d | %.1f-%.1f s | %d | %d | %d | %d | %d |\n", p[1], p[2], cuts[key], lo[key] / 1000, hi[key] / 1000, torn[key], lost[key], rep[key], replayed[key], temps[key]
      }
    }'
}

case "${1:-}" in
  build) shift; build "$@" ;;
  run) shift; run "$@" ;;
  series) shift; series "$@" ;;
  table) shift; table "$@" ;;
  *) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 2 ;;
esac
