#!/usr/bin/env python3
"""The SwiftPM side of a fuzz build, read from the package itself (used by scripts/fuzz-build).

    fuzz_graph.py modules SCRATCH TARGET...          the modules TARGET... need, dependencies first
    fuzz_graph.py swiftc-args SCRATCH BIN TARGET...  swiftc arguments that import and link them
    fuzz_graph.py language-mode SCRATCH              the package's Swift language mode

Nothing here is a hand-kept module list. The dependency graph comes from
`swift package describe --type json` (target_dependencies, product_dependencies, module_type) of
the root package and, for a product of another package, of that package's checkout (located with
`swift package show-dependencies --format json`); system-library pkg-config names and linker
settings come from `swift package dump-package`. SwiftPM compiles the modules itself
(`swift build --target`), so every compiler setting of the package (package name, language mode,
defines, features) is SwiftPM's; this file only tells the final link what SwiftPM built:

  * a Swift target: the objects its output-file-map.json names for the sources it has now
    (a source file deleted since an earlier build leaves a stale object, which is not linked);
  * a C-family target: its objects, its module map and its public headers;
  * a system-library target: its module map, and pkg-config's flags when it names a package;
  * linker settings (linkedLibrary, unsafeFlags) whose condition admits Linux.

Macro and plugin targets run at build time and are not linked. A harness may not depend on test,
executable or binary targets: that is an error, as is a name the package graph does not have.
"""

import glob
import json
import os
import subprocess
import sys

ROOT = os.getcwd()


def fail(message):
    print(f"fuzz-build: {message}", file=sys.stderr)
    sys.exit(2)


def swift_package(args, package_path=None):
    command = ["swift", "package"]
    if package_path is not None:
        command += ["--package-path", package_path]
    command += args
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"`{' '.join(command)}` failed:\n{result.stderr}")
    return json.loads(result.stdout)


class Package:
    def __init__(self, path):
        self.path = path
        self.describe = swift_package(["describe", "--type", "json"], path)
        self.targets = {t["name"]: t for t in self.describe["targets"]}
        self.products = {p["name"]: p["targets"] for p in self.describe["products"]}
        self._dump = None

    @property
    def dump(self):
        if self._dump is None:
            self._dump = swift_package(["dump-package"], self.path)
        return self._dump

    def dumped_target(self, name):
        return next(t for t in self.dump["targets"] if t["name"] == name)


class Graph:
    def __init__(self, scratch):
        self.scratch = scratch
        self.root = Package(ROOT)
        self._dependency_paths = None
        self._packages = {}

    def dependency_paths(self):
        """Paths of every package the root depends on, directly or not (resolved in SCRATCH)."""
        if self._dependency_paths is None:
            tree = swift_package(["--scratch-path", self.scratch, "show-dependencies", "--format", "json"])
            paths, stack = [], list(tree.get("dependencies", []))
            while stack:
                node = stack.pop(0)
                if node["path"] not in paths:
                    paths.append(node["path"])
                stack.extend(node.get("dependencies", []))
            self._dependency_paths = paths
        return self._dependency_paths

    def package_at(self, path):
        if path not in self._packages:
            self._packages[path] = Package(path)
        return self._packages[path]

    def product(self, name):
        for path in self.dependency_paths():
            package = self.package_at(path)
            if name in package.products:
                return package, package.products[name]
        fail(f"no package in the graph has a product named {name}")

    def closure(self, names):
        """[(package, target description)] for names and everything they depend on, dependencies first."""
        order, seen, visiting = [], set(), set()

        def visit(package, name, needed_by):
            if name in seen:
                return
            if name in visiting:
                fail(f"dependency cycle through {name}")
            target = package.targets.get(name)
            if target is None:
                where = f" (needed by {needed_by})" if needed_by else ""
                fail(f"the package at {package.path} has no target named {name}{where}")
            kind = target.get("type")
            if kind in ("macro", "plugin"):
                seen.add(name)          # runs at build time; nothing to link
                return
            if kind in ("test", "executable", "snippet", "binary") or target.get("module_type") == "BinaryTarget":
                fail(f"{name} is a {kind} target; a fuzz harness can depend on library targets only")
            visiting.add(name)
            for dependency in target.get("target_dependencies", []):
                visit(package, dependency, name)
            for product in target.get("product_dependencies", []):
                if product in package.products and package is not self.root:
                    owner, targets = package, package.products[product]
                else:
                    owner, targets = self.product(product)
                for dependency in targets:
                    visit(owner, dependency, name)
            visiting.discard(name)
            seen.add(name)
            order.append((package, target))

        for name in names:
            visit(self.root, name, None)
        return order


def applies_on_linux(setting):
    platforms = (setting.get("condition") or {}).get("platformNames")
    return not platforms or "linux" in platforms


def pkg_config(flag, name):
    result = subprocess.run(["pkg-config", flag, name], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"pkg-config {flag} {name} failed (scripts/setup installs the system libraries):\n{result.stderr}")
    return result.stdout.split()


def swift_objects(build_dir, name):
    file_map = os.path.join(build_dir, "output-file-map.json")
    if not os.path.exists(file_map):
        fail(f"{file_map} is missing: was {name} built?")
    with open(file_map) as f:
        entries = json.load(f)
    per_source = [e["object"] for source, e in entries.items() if source and "object" in e]
    if per_source and all(os.path.exists(o) for o in per_source):
        return per_source
    whole = entries.get("", {}).get("object")
    if whole and os.path.exists(whole):
        return [whole]
    fail(f"the objects of {name} named in {file_map} are missing")


def swiftc_args(graph, bin_dir, names):
    args = ["-I", os.path.join(bin_dir, "Modules")]
    for package, target in graph.closure(names):
        name, module_type = target["name"], target.get("module_type")
        path = os.path.join(package.path, target["path"])
        build_dir = os.path.join(bin_dir, f"{name}.build")
        if module_type == "SwiftTarget":
            args += swift_objects(build_dir, name)
        elif module_type == "ClangTarget":
            objects = sorted(glob.glob(os.path.join(build_dir, "**", "*.o"), recursive=True))
            if not objects:
                fail(f"no objects for the C target {name} under {build_dir}: was it built?")
            args += objects
            maps = [os.path.join(build_dir, "module.modulemap"), os.path.join(path, "include", "module.modulemap")]
            existing = [m for m in maps if os.path.exists(m)]
            if existing:                # SwiftPM's generated map, else the target's own
                args += ["-Xcc", "-fmodule-map-file=" + existing[0]]
            if os.path.isdir(os.path.join(path, "include")):
                args += ["-Xcc", "-I" + os.path.join(path, "include")]
        elif module_type == "SystemLibraryTarget":
            args += ["-Xcc", "-fmodule-map-file=" + os.path.join(path, "module.modulemap")]
            pkg = package.dumped_target(name).get("pkgConfig")
            if pkg:
                for flag in pkg_config("--cflags", pkg):
                    args += ["-Xcc", flag]
                args += pkg_config("--libs", pkg)
        else:
            fail(f"{name} has module type {module_type}, which the fuzz build does not know how to link")
        for setting in package.dumped_target(name).get("settings", []):
            if setting.get("tool") != "linker" or not applies_on_linux(setting):
                continue
            kind = setting["kind"]
            if "linkedLibrary" in kind:
                args.append("-l" + kind["linkedLibrary"]["_0"])
            elif "unsafeFlags" in kind:
                args += kind["unsafeFlags"]["_0"]
            elif "linkedFramework" not in kind:
                fail(f"{name}: unknown linker setting {json.dumps(kind)}")
    return args


def language_mode(package):
    """The package's Swift language mode (the newest it declares; else its tools version's default)."""
    modes = package.describe.get("swift_languages_versions") or []
    if modes:
        return max(modes, key=lambda m: [int(x) for x in m.split(".") if x.isdigit()])
    return "6" if int(package.describe["tools_version"].split(".")[0]) >= 6 else "5"


USAGE = ("usage: fuzz_graph.py modules SCRATCH TARGET... | swiftc-args SCRATCH BIN TARGET... "
         "| language-mode SCRATCH")


def main(argv):
    minimum = {"modules": 3, "swiftc-args": 4, "language-mode": 2}
    if not argv or argv[0] not in minimum or len(argv) < minimum[argv[0]]:
        fail(USAGE)
    command, scratch = argv[0], argv[1]
    graph = Graph(scratch)
    if command == "language-mode":
        print(language_mode(graph.root))
    elif command == "modules":
        for package, target in graph.closure(argv[2:]):
            where = "" if package is graph.root else f" ({os.path.basename(package.path)})"
            print(f"{target['name']}{where}")
    elif command == "swiftc-args":
        for arg in swiftc_args(graph, argv[2], argv[3:]):
            print(arg)


if __name__ == "__main__":
    main(sys.argv[1:])
