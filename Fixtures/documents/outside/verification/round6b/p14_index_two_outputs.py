from common import *

P = Pair("index-two-outputs", ".md")
x = vec("x", 2); w = mat("w", 3, 2); b = vec("b", 3); v = mat("v", 2, 3); c = vec("c", 2); t = vec("t", 2)
ys = vec("ys", 2); hs = vec("hs", 3); zs = vec("zs", 3)
z = w * x + b
relu = lambda e: sp.Max(0, e)
h = emap(relu, z)
y = v * h + c
Ef = lambda Y: sp.Rational(1, 2) * sum((Y[k] - t[k])**2 for k in range(2))
E = Ef(y)
rp = emap(sp.Heaviside, z)
S = sp.Matrix([sum((y[k] - t[k]) * v[k, j] for k in range(2)) for j in range(3)])
dE_dh = grad(Ef(v * hs + c), hs).xreplace({hs[j]: h[j] for j in range(3)})
dE_dz = grad(Ef(v * emap(relu, zs) + c), zs).xreplace({zs[j]: z[j] for j in range(3)})

P.claim("$$\\frac{\\partial E}{\\partial y_k} = y_k - t_k$$", "dE/dy_k = y_k - t_k (k=1,2)",
        grad(Ef(ys), ys).xreplace({ys[k]: y[k] for k in range(2)}), y - t)
P.claim("$$\\frac{\\partial E}{\\partial v_{kj}} =", "dE/dv_kj = (y_k - t_k) h_j (2x3)", grad(E, v),
        sp.Matrix(2, 3, lambda k, j: (y[k] - t[k]) * h[j]))
P.claim("$$\\frac{\\partial E}{\\partial c_k} =", "dE/dc_k = y_k - t_k", grad(E, c), y - t)
bad_k1 = sp.Matrix([(y[0] - t[0]) * v[0, j] for j in range(3)])
bad_k2 = sp.Matrix([(y[1] - t[1]) * v[1, j] for j in range(3)])
P.claim("$$\\frac{\\partial E}{\\partial h_j} =", "dE/dh_j = sum_k (y_k - t_k) v_kj (j=1..3); planted read with k = 1", dE_dh, S,
        bad_snippet="$$\\frac{\\partial E}{\\partial h_j} = (y_k - t_k)\\, v_{kj}$$", bad_rhs=bad_k1)
P.claim("$$\\frac{\\partial E}{\\partial z_j} =", "dE/dz_j = ReLU'(z_j) sum_k ...", dE_dz, had(rp, S))
P.claim("$$\\frac{\\partial E}{\\partial w_{ji}} =", "dE/dw_ji (3x2)", grad(E, w), sp.Matrix(3, 2, lambda j, i: rp[j] * S[j] * x[i]))
P.claim("$$\\frac{\\partial E}{\\partial b_j} =", "dE/db_j", grad(E, b), had(rp, S))

def sampler(rng):
    while True:
        d = uniform(rng, list(x) + list(w) + list(b) + list(v) + list(c) + list(t))
        if min(abs(float(e.xreplace(d))) for e in z) > 0.05:
            return d

ok = P.run(sampler, npoints=8)
# the planted RHS has a free k; check the other reading (k = 2) as well
rng = random.Random(1234)
pts = [sampler(rng) for _ in range(8)]
for name, R in (("k = 1", bad_k1), ("k = 2", bad_k2)):
    wrong = {j: 0 for j in range(3)}
    for d in pts:
        for j in range(3):
            if abs(sp.N(dE_dh[j].xreplace(d), 40) - sp.N(R[j].xreplace(d), 40)) > 1e-25:
                wrong[j] += 1
    print(f"planted dE/dh_j = (y_k - t_k) v_kj read with {name}: wrong for j = 1,2,3 at",
          ", ".join(f"j={j+1}: {n}/8" for j, n in wrong.items()))
sys.exit(0 if ok else 1)
