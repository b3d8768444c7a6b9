from common import *

P = Pair("batch-relu-regression", ".tex")
N = 3
X = mat("X", 3, 2); Y = mat("Y", 3, 2)
W1 = mat("W1_", 2, 2); b1 = mat("b1_", 1, 2); W2 = mat("W2_", 2, 2); b2 = mat("b2_", 1, 2)
Ss = mat("Ss", 3, 2); Hs = mat("Hs", 3, 2); Zs = mat("Zs", 3, 2)
one = sp.ones(3, 1)
Z = X * W1 + one * b1
H = Z.applyfunc(lambda e: sp.Max(0, e))
S = H * W2 + one * b2
Lf = lambda S_: sp.Rational(1, 2 * N) * sum((S_[n, k] - Y[n, k])**2 for n in range(3) for k in range(2))
L = Lf(S)
sub = lambda A, B: {A[i, j]: B[i, j] for i in range(A.shape[0]) for j in range(A.shape[1])}
G_true = grad(Lf(Ss), Ss).xreplace(sub(Ss, S))
dH_true = grad(Lf(Hs * W2 + one * b2), Hs).xreplace(sub(Hs, H))
dZ_true = grad(Lf(Zs.applyfunc(lambda e: sp.Max(0, e)) * W2 + one * b2), Zs).xreplace(sub(Zs, Z))
G = (S - Y) / N
ind = Z.applyfunc(sp.Heaviside)

P.claim("\\|\\mathbf{S} - \\mathbf{Y}\\|_F^2 = \\frac{1}{2N} \\sum", "L = 1/(2N) ||S-Y||_F^2 = double sum (identity)",
        sp.Rational(1, 2 * N) * sum(e**2 for e in (S - Y)), L)
P.claim("label{eq:g}", "G = dL/dS = (S - Y)/N", G_true, G)
P.claim("label{eq:dw2}", "dL/dW2 = H^T G", grad(L, W2), H.T * G)
P.claim("label{eq:db2}", "dL/db2 = 1^T G", grad(L, b2), one.T * G,
        bad_snippet="&= \\mathbf{G}, \\label{eq:db2}", bad_rhs=G)
P.claim("label{eq:dh}", "dL/dH = G W2^T", dH_true, G * W2.T)
P.claim("label{eq:dz}", "dL/dZ = (G W2^T) (.) I[Z > 0]", dZ_true, had(G * W2.T, ind))
P.claim("label{eq:dw1}", "dL/dW1 = X^T dL/dZ", grad(L, W1), X.T * dZ_true)
P.claim("label{eq:db1}", "dL/db1 = 1^T dL/dZ", grad(L, b1), one.T * dZ_true)

def sampler(rng):
    while True:
        s = uniform(rng, list(X) + list(Y) + list(W1) + list(b1) + list(W2) + list(b2))
        if min(abs(float(e.xreplace(s))) for e in Z) > 0.05:
            return s

ok = P.run(sampler, npoints=8)
# extra detail for the planted claim (shape 3x2 instead of 1x2): compare each row of G with the true 1x2 gradient
rng = random.Random(99)
rows_equal = 0
for _ in range(8):
    s = sampler(rng)
    T = grad(L, b2).xreplace(s).evalf(30)
    for n in range(3):
        R = G[n, :].xreplace(s).evalf(30)
        if max(abs(T[k] - R[k]) for k in range(2)) < 1e-20:
            rows_equal += 1
print("planted dL/db2 = G: it is 3x2; the true gradient is 1x2 and equals the SUM of G's three rows;"
      f" rows of G equal to the true gradient at 8 points: {rows_equal}/24")
sys.exit(0 if ok else 1)
