from common import *

P = Pair("prml-backprop", ".tex")
x1, x2, t1, t2 = sym("x1 x2 t1 t2")
xs = [1, x1, x2]; t = [t1, t2]
w1 = mat("w1_", 2, 3)   # w1[j-1, i] = w^{(1)}_{ji}, i = 0..2
w2 = mat("w2_", 2, 3)   # w2[k-1, j] = w^{(2)}_{kj}, j = 0..2
a_s = vec("as", 2); y_s = vec("ys", 2)

a = [sum(w1[j, i] * xs[i] for i in range(3)) for j in range(2)]
def forward_from_a(A):
    z = [1] + [sp.tanh(A[j]) for j in range(2)]
    return [sum(w2[k, j] * z[j] for j in range(3)) for k in range(2)], z
y, z = forward_from_a(a)
E_from_y = lambda Y: sp.Rational(1, 2) * sum((Y[k] - t[k])**2 for k in range(2))
E = E_from_y(y)
dk_true = sp.Matrix([sp.diff(E_from_y(y_s), y_s[k]) for k in range(2)]).xreplace({y_s[k]: y[k] for k in range(2)})
dj_true = sp.Matrix([sp.diff(E_from_y(forward_from_a(a_s)[0]), a_s[j]) for j in range(2)]).xreplace({a_s[j]: a[j] for j in range(2)})

dk = sp.Matrix([y[k] - t[k] for k in range(2)])
hp = sp.Matrix([1 - z[j + 1]**2 for j in range(2)])
# claim (eq:backprop), for j = 1, 2:  delta_j = h'(a_j) sum_k w2_{kj} delta_k   (hidden j is column j of w2)
dj = sp.Matrix([hp[j] * sum(w2[k, j + 1] * dk[k] for k in range(2)) for j in range(2)])
# planted: w2_{jk}: row j, column k (k = 1, 2)
dj_bad = sp.Matrix([hp[j] * sum(w2[j, k + 1] * dk[k] for k in range(2)) for j in range(2)])

P.claim("\\delta^{(2)}_k = y_k - t_k", "delta_k = y_k - t_k, k=1,2", dk_true, dk)
P.claim("h'(a_j) = 1 - z_j^2", "h'(a_j) = 1 - z_j^2, j=1,2",
        sp.Matrix([sp.diff(sp.tanh(a_s[j]), a_s[j]).xreplace({a_s[j]: a[j]}) for j in range(2)]), hp)
P.claim("label{eq:backprop}", "delta_j = h'(a_j) sum_k w2_kj delta_k, j=1,2", dj_true, dj,
        bad_snippet="w^{(2)}_{jk}", bad_rhs=dj_bad)
P.claim("label{eq:dw2}", "dE/dw2_kj = delta_k z_j (2x3)", grad(E, w2),
        sp.Matrix(2, 3, lambda k, j: dk_true[k] * z[j]))
P.claim("label{eq:dw1}", "dE/dw1_ji = delta_j x_i (2x3)", grad(E, w1),
        sp.Matrix(2, 3, lambda j, i: dj_true[j] * xs[i]))
P.claim("In particular the bias weights", "dE/dw2_k0 = delta_k (k=1,2)", grad(E, w2[:, 0]), dk_true)
P.claim("$\\pd{E_n}{w^{(1)}_{j0}} = \\delta^{(1)}_j$", "dE/dw1_j0 = delta_j (j=1,2)", grad(E, w1[:, 0]), dj_true)
P.claim("label{eq:dw1explicit}", "dE/dw1_ji explicit", grad(E, w1),
        sp.Matrix(2, 3, lambda j, i: (1 - z[j + 1]**2) * sum(w2[k, j + 1] * (y[k] - t[k]) for k in range(2)) * xs[i]))

def sampler(rng):
    return uniform(rng, [x1, x2, t1, t2] + list(w1) + list(w2))

sys.exit(0 if P.run(sampler, npoints=8) else 1)
