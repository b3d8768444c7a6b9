from common import *

P = Pair("ng-shallow-batch", ".md")
m = 2
X = mat("x", 2, 2); Y = mat("y", 1, 2)
W1 = mat("W1_", 3, 2); b1 = mat("b1_", 3, 1)
W2 = mat("W2_", 1, 3); b2 = sp.Symbol("b2", real=True)
Z1s = mat("Z1_", 3, 2); Z2s = mat("Z2_", 1, 2)   # free symbols for intermediates

Z1 = W1 * X + b1 * sp.ones(1, m)
A1 = emap(sp.tanh, Z1)
Z2 = W2 * A1 + b2 * sp.ones(1, m)
A2 = emap(sig, Z2)

def cost_from_Z2(Z2_):
    A = emap(sig, Z2_)
    return -sp.Rational(1, m) * sum(Y[0, i] * sp.log(A[0, i]) + (1 - Y[0, i]) * sp.log(1 - A[0, i]) for i in range(m))

def cost_from_Z1(Z1_):
    return cost_from_Z2(W2 * emap(sp.tanh, Z1_) + b2 * sp.ones(1, m))

J = cost_from_Z1(Z1)
sub1 = {Z1s[i, j]: Z1[i, j] for i in range(3) for j in range(2)}
sub2 = {Z2s[0, j]: Z2[0, j] for j in range(2)}
# dZ^{[l]} = per-example derivative = m * dJ/dZ^{[l]}
dZ2_true = (m * grad(cost_from_Z2(Z2s), Z2s)).xreplace(sub2)
dZ1_true = (m * grad(cost_from_Z1(Z1s), Z1s)).xreplace(sub1)

dZ2_doc = A2 - Y
dZ1_doc = had(W2.T * dZ2_doc, emap(lambda a: 1 - a**2, A1))

P.claim("$$dZ^{[2]} = A^{[2]} - Y$$", "dZ2 = A2 - Y (per-example)", dZ2_true, dZ2_doc)
P.claim("$$dW^{[2]} =", "dW2 = 1/m dZ2 A1^T", grad(J, W2), sp.Rational(1, m) * dZ2_doc * A1.T)
P.claim("$$db^{[2]} =", "db2 = 1/m sum_i dZ2^(i)", sp.diff(J, b2), sp.Rational(1, m) * sum(dZ2_doc))
P.claim("$$dZ^{[1]} =", "dZ1 = W2^T dZ2 (.) (1 - A1^2)", dZ1_true, dZ1_doc)
P.claim("$$dW^{[1]} =", "dW1 = 1/m dZ1 X^T", grad(J, W1), sp.Rational(1, m) * dZ1_doc * X.T,
        bad_snippet="dZ^{[1]} X$$", bad_rhs=sp.Rational(1, m) * dZ1_doc * X)
P.claim("$$db^{[1]} =", "db1 = 1/m sum_i dZ1^(:,i)", grad(J, b1),
        sp.Rational(1, m) * (dZ1_doc[:, 0] + dZ1_doc[:, 1]))

U = sp.Symbol("U", real=True)
P.claim("Because $\\tanh'(z) = 1 - \\tanh^2(z)$", "tanh'(z) = 1 - tanh^2(z) (inline, at z = Z1_11)",
        sp.diff(sp.tanh(U), U).xreplace({U: Z1[0, 0]}), 1 - sp.tanh(Z1[0, 0])**2)
P.claim("$g^{[1]\\prime}(Z^{[1]}) = 1 - (A^{[1]})^2$", "g1'(Z1) = 1 - A1^2 elementwise (inline)",
        Z1s.applyfunc(lambda e: sp.diff(sp.tanh(e), e)).xreplace(sub1), A1.applyfunc(lambda a: 1 - a**2))

def sampler(rng):
    s = uniform(rng, list(X) + list(W1) + list(b1) + list(W2) + [b2])
    # labels: binary (as stated), random per point
    s.update({Y[0, i]: sp.Float(rng.choice([0, 1])) for i in range(m)})
    return s

sys.exit(0 if P.run(sampler, npoints=8) else 1)
