package app_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The app keeps its state in the store (app/client.Store) and its screens' components, changed
// on go-app's UI goroutine; no package-level variable of app/ is assigned after the program
// starts. A package-level variable is set where it is declared or in init; tests may set
// one. These tests hold app/ to that by reading its source.

// pkg is one package's non-test source: its files and its package-level variables.
type pkg struct {
	fset  *token.FileSet
	files map[string]*ast.File
	vars  map[string]bool
}

// readPackages parses the non-test .go files of every package under root (all build tags),
// keyed by import path below module (root is module's directory).
func readPackages(t *testing.T, root, module string) map[string]*pkg {
	t.Helper()
	fset := token.NewFileSet()
	pkgs := map[string]*pkg{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		ip := module
		if rel != "." {
			ip += "/" + filepath.ToSlash(rel)
		}
		p := pkgs[ip]
		if p == nil {
			p = &pkg{fset: fset, files: map[string]*ast.File{}, vars: map[string]bool{}}
			pkgs[ip] = p
		}
		p.files[path] = f
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, s := range g.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						p.vars[n.Name] = true
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// assignedGlobals lists, as file:line: name, every assignment to a package-level variable of
// pkgs (its own or another's through an import) in a function other than init: x = ...,
// x.f = ..., x[i] = ..., *x = ..., x++, x += ..., and range loops that assign x.
func assignedGlobals(pkgs map[string]*pkg) []string {
	var out []string
	for _, p := range pkgs {
		for _, f := range p.files {
			// import names of the other packages read here, to their package-level variables
			imports := map[string]map[string]bool{}
			for _, im := range f.Imports {
				ip := strings.Trim(im.Path.Value, `"`)
				if q, ok := pkgs[ip]; ok {
					name := ip[strings.LastIndex(ip, "/")+1:]
					if im.Name != nil {
						name = im.Name.Name
					}
					imports[name] = q.vars
				}
			}
			topLevel := map[any]bool{}
			for _, d := range f.Decls {
				if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
					for _, s := range g.Specs {
						topLevel[s] = true
					}
				}
			}
			global := func(e ast.Expr) string {
				for {
					switch x := e.(type) {
					case *ast.ParenExpr:
						e = x.X
						continue
					case *ast.StarExpr:
						e = x.X
						continue
					case *ast.IndexExpr:
						e = x.X
						continue
					case *ast.SelectorExpr:
						if id, ok := x.X.(*ast.Ident); ok && id.Obj == nil && imports[id.Name] != nil {
							if imports[id.Name][x.Sel.Name] {
								return id.Name + "." + x.Sel.Name
							}
							return ""
						}
						e = x.X
						continue
					case *ast.Ident:
						if x.Obj != nil { // declared in this file: a package-level var or a local
							if x.Obj.Kind == ast.Var && topLevel[x.Obj.Decl] {
								return x.Name
							}
							return ""
						}
						if p.vars[x.Name] { // declared in another file of the package
							return x.Name
						}
					}
					return ""
				}
			}
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Body == nil || (fn.Recv == nil && fn.Name.Name == "init") {
					continue
				}
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					var lhs []ast.Expr
					switch s := n.(type) {
					case *ast.AssignStmt:
						if s.Tok != token.DEFINE {
							lhs = s.Lhs
						}
					case *ast.IncDecStmt:
						lhs = []ast.Expr{s.X}
					case *ast.RangeStmt:
						if s.Tok == token.ASSIGN {
							lhs = []ast.Expr{s.Key, s.Value}
						}
					}
					for _, e := range lhs {
						if e == nil {
							continue
						}
						if name := global(e); name != "" {
							pos := p.fset.Position(e.Pos())
							out = append(out, fmt.Sprintf("%s:%d: %s", filepath.ToSlash(pos.Filename), pos.Line, name))
						}
					}
					return true
				})
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestNoPackageVariableAssignedAtRunTime(t *testing.T) {
	if got := assignedGlobals(readPackages(t, ".", "gongji/app")); len(got) > 0 {
		t.Errorf("package-level variables of app/ assigned outside init (keep the state in the store or a component):\n%s",
			strings.Join(got, "\n"))
	}
}

// TestAssignedGlobalsFindsEachKind: the check itself finds every kind of assignment in
// testdata/planted (a package and one importing it), and no local or init.
func TestAssignedGlobalsFindsEachKind(t *testing.T) {
	got := assignedGlobals(readPackages(t, "testdata/planted", "planted"))
	want := []string{
		"testdata/planted/other/other.go:7: planted.Count",
		"testdata/planted/planted.go:19: count",
		"testdata/planted/planted.go:20: count",
		"testdata/planted/planted.go:21: state",
		"testdata/planted/planted.go:22: table",
		"testdata/planted/planted.go:23: ptr",
		"testdata/planted/planted.go:24: count",
		"testdata/planted/planted.go:25: table",
		"testdata/planted/planted.go:27: Count",
		"testdata/planted/two.go:6: count",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("found:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
