# The one fuzz build, shared by scripts/fuzz-build, scripts/fuzz-run (and so scripts/fuzz-notation)
# and .ci/run. Source it from the repository root.
#
# A fuzz target is a line of Fixtures/fuzz/targets: a name, a harness file, a seed corpus, a
# dictionary and the SwiftPM targets the harness imports. Building one:
#
#  1. `swift build -c release --target T` for each listed target T, in a scratch path of its own
#     (FUZZ_SCRATCH_PATH, default .build-fuzz), with -sanitize=fuzzer,address for Swift and
#     -fsanitize=fuzzer-no-link,address for C. SwiftPM builds T and everything T depends on with the
#     package's own settings (its package name for `package` access, language mode, defines).
#     (Not `--sanitize fuzzer --sanitize address`: SwiftPM passes those as two -sanitize= flags and
#     swiftc keeps only the last, so the code would get no coverage instrumentation.)
#  2. scripts/lib/fuzz_graph.py reads the dependency closure of those targets from
#     `swift package describe` and prints what the link needs: the objects SwiftPM built, module maps,
#     pkg-config and linker settings.
#  3. swiftc compiles the harness against the built modules, in the package's language mode, and
#     links it with libFuzzer and AddressSanitizer: <scratch>/fuzz-targets/NAME/fuzz-NAME.

FUZZ_TARGETS_FILE="${FUZZ_TARGETS_FILE:-Fixtures/fuzz/targets}"
FUZZ_SCRATCH_PATH="${FUZZ_SCRATCH_PATH:-.build-fuzz}"
FUZZ_SWIFT_FLAGS=(-sanitize=fuzzer,address)
FUZZ_C_FLAGS=(-fsanitize=fuzzer-no-link,address)

fuzz_die() { echo "fuzz: $*" >&2; exit 2; }

# The names in Fixtures/fuzz/targets, one a line.
fuzz_target_names() {
    awk '!/^[[:space:]]*(#|$)/ { print $1 }' "$FUZZ_TARGETS_FILE"
}

# fuzz_load NAME: sets FUZZ_NAME, FUZZ_HARNESS, FUZZ_CORPUS, FUZZ_DICT ("" for none), FUZZ_DEPS (array),
# FUZZ_DIR (its build folder) and FUZZ_EXE.
fuzz_load() {
    local line
    line="$(awk -v n="$1" '!/^[[:space:]]*(#|$)/ && $1 == n' "$FUZZ_TARGETS_FILE")"
    [ -n "$line" ] || fuzz_die "no fuzz target named '$1' in $FUZZ_TARGETS_FILE (have: $(fuzz_target_names | paste -sd ' '))"
    local fields
    read -r -a fields <<<"$line"
    [ "${#fields[@]}" -ge 5 ] || fuzz_die "$FUZZ_TARGETS_FILE: '$1' needs NAME HARNESS CORPUS DICTIONARY TARGET..."
    FUZZ_NAME="${fields[0]}"
    FUZZ_HARNESS="${fields[1]}"
    FUZZ_CORPUS="${fields[2]}"
    FUZZ_DICT="${fields[3]}"
    [ "$FUZZ_DICT" = - ] && FUZZ_DICT=""
    FUZZ_DEPS=("${fields[@]:4}")
    FUZZ_DIR="$FUZZ_SCRATCH_PATH/fuzz-targets/$FUZZ_NAME"
    FUZZ_EXE="$FUZZ_DIR/fuzz-$FUZZ_NAME"
    [ -f "$FUZZ_HARNESS" ] || fuzz_die "$FUZZ_NAME: harness $FUZZ_HARNESS is missing"
    [ -d "$FUZZ_CORPUS" ] || fuzz_die "$FUZZ_NAME: corpus $FUZZ_CORPUS is missing"
    [ -z "$FUZZ_DICT" ] || [ -f "$FUZZ_DICT" ] || fuzz_die "$FUZZ_NAME: dictionary $FUZZ_DICT is missing"
}

# fuzz_build NAME: builds the target's executable ($FUZZ_EXE). Progress goes to standard error.
fuzz_build() {
    fuzz_load "$1"
    local swiftpm=(-c release --scratch-path "$FUZZ_SCRATCH_PATH")
    local flag
    for flag in "${FUZZ_SWIFT_FLAGS[@]}"; do swiftpm+=(-Xswiftc "$flag"); done
    for flag in "${FUZZ_C_FLAGS[@]}"; do swiftpm+=(-Xcc "$flag"); done

    local modules
    modules="$(python3 scripts/lib/fuzz_graph.py modules "$FUZZ_SCRATCH_PATH" "${FUZZ_DEPS[@]}")"
    echo "fuzz-build: $FUZZ_NAME: $FUZZ_HARNESS with ${modules//$'\n'/ }" >&2
    local target
    for target in "${FUZZ_DEPS[@]}"; do
        swift build "${swiftpm[@]}" --target "$target" >&2
    done
    local bin mode inputs args
    bin="$(swift build "${swiftpm[@]}" --show-bin-path)"
    mode="$(python3 scripts/lib/fuzz_graph.py language-mode "$FUZZ_SCRATCH_PATH")"
    inputs="$(python3 scripts/lib/fuzz_graph.py swiftc-args "$FUZZ_SCRATCH_PATH" "$bin" "${FUZZ_DEPS[@]}")"
    mapfile -t args <<<"$inputs"
    mkdir -p "$FUZZ_DIR"
    swiftc "${FUZZ_SWIFT_FLAGS[@]}" -parse-as-library -swift-version "$mode" -O -g -use-ld=lld \
        -module-name "FuzzHarness" -module-cache-path "$bin/ModuleCache" \
        "${args[@]}" "$FUZZ_HARNESS" -o "$FUZZ_EXE" >&2
    echo "fuzz-build: $FUZZ_NAME: built $FUZZ_EXE" >&2
}

# fuzz_run NAME RUNS WORK-CORPUS [libFuzzer flags...]: runs the built target on its seed corpus
# (read-only) plus WORK-CORPUS, where new inputs go. Findings go to Fixtures/fuzz/artifacts/NAME-…
# (git-ignored).
fuzz_run() {
    fuzz_load "$1"
    local runs="$2" work="$3"
    shift 3
    [ -x "$FUZZ_EXE" ] || fuzz_die "$FUZZ_NAME: $FUZZ_EXE is not built (scripts/fuzz-build $FUZZ_NAME)"
    mkdir -p "$work" Fixtures/fuzz/artifacts
    local dict=()
    [ -z "$FUZZ_DICT" ] || dict=(-dict="$FUZZ_DICT")
    "$FUZZ_EXE" "$work" "$FUZZ_CORPUS" \
        -runs="$runs" -timeout=60 -rss_limit_mb=2048 -max_len=16384 -detect_leaks=1 \
        "${dict[@]}" -artifact_prefix="Fixtures/fuzz/artifacts/$FUZZ_NAME-" \
        -print_final_stats=1 "$@"
}
