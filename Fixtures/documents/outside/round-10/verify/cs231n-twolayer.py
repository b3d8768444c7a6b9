"""cs231n-twolayer: N=2, D=2, H=3 (ReLU), C=3, softmax + mean CE + lam/2 (sum W1^2 + sum W2^2)."""
from common import *

c = Checker("cs231n-twolayer")
c.files("md", 42)
N, D, H, C = 2, 2, 3, 3
X = mat("X", N, D)
W1, b1 = mat("Wa", D, H), vec("ba", H)
W2, b2 = mat("Wb", H, C), vec("bb", C)
lam = sp.Symbol("lam")
ones = sp.ones(N, 1)
relu = lambda t: sp.Max(0, t)
sq = lambda M: fsum(ew(lambda t: t**2, M))


def softmax_rows(S):
    return sp.Matrix(S.shape[0], S.shape[1],
                     lambda i, k: sp.exp(S[i, k]) / sum(sp.exp(S[i, m]) for m in range(S.shape[1])))


for labels in [(1, 3), (2, 2), (3, 1)]:
    print(" labels y =", labels)
    Y = sp.Matrix(N, C, lambda i, k: 1 if k == labels[i] - 1 else 0)
    Z1 = X * W1 + ones * b1.T           # broadcast over rows
    A1 = ew(relu, Z1)
    S = A1 * W2 + ones * b2.T
    P = softmax_rows(S)
    reg = lam / 2 * (sq(W1) + sq(W2))
    data = lambda PP: sum(-sp.log(PP[i, labels[i] - 1]) for i in range(N)) / N
    L = data(P) + reg

    Ss = mat("S", N, C)
    dS_true = grad(data(softmax_rows(Ss)) + reg, Ss).subs(dict(zip(Ss, S)))
    A1s = mat("A", N, H)
    dA1_true = grad(data(softmax_rows(A1s * W2 + ones * b2.T)) + reg, A1s).subs(dict(zip(A1s, A1)))
    Z1s = mat("Z", N, H)
    dZ1_true = grad(data(softmax_rows(ew(relu, Z1s) * W2 + ones * b2.T)) + reg, Z1s).subs(dict(zip(Z1s, Z1)))

    # per-example softmax result
    for i in range(N):
        Li = -sp.log(softmax_rows(Ss)[i, labels[i] - 1])
        c.claim("dL_%d/dS_%dc = P_%dc - 1[c = y_%d]" % (i + 1, i + 1, i + 1, i + 1),
                sp.Matrix(1, C, lambda _, k: softmax_rows(Ss)[i, k] - (1 if k == labels[i] - 1 else 0)),
                sp.Matrix(1, C, lambda _, k: sp.diff(Li, Ss[i, k])))
    c.claim("P_ic = e^{S_ic}/sum_c' e^{S_ic'} rows sum to 1", P * sp.ones(C, 1), sp.ones(N, 1))
    c.claim("dS = dL/dS = (1/N)(P - Y)", (P - Y) / N, dS_true)
    c.claim("dW2 = A1^T dS + lam W2", A1.T * dS_true + lam * W2, grad(L, W2))
    c.claim("db2 = sum_i dS_i,:", (ones.T * dS_true).T, grad(L, b2))
    c.claim("dA1 = dS W2^T", dS_true * W2.T, dA1_true)
    c.claim("dZ1 = dA1 (.) 1[Z1 > 0]", had(dA1_true, ew(sp.Heaviside, Z1)), dZ1_true)
    c.claim("dW1 = X^T dZ1 + lam W1", X.T * dZ1_true + lam * W1, grad(L, W1))
    c.claim("db1 = sum_i (dZ1)_i,:", (ones.T * dZ1_true).T, grad(L, b1))
    c.claim("remark: reg*sum(W*W) variant gives 2 lam W", 2 * lam * W2, grad(lam * sq(W2), W2))
    # numpy code: shift invariance of softmax and the code's loss/dS
    m = sp.Symbol("shift")
    c.claim("code: P unchanged by subtracting row max (any shift)", softmax_rows(S - m * sp.ones(N, C)), P)
    c.claim("code: loss line = L", sum(-sp.log(P[i, labels[i] - 1]) for i in range(N)) / N
            + sp.Rational(1, 2) * lam * (sq(W1) + sq(W2)), L)
    dS_code = sp.Matrix(P)
    for i in range(N):
        dS_code[i, labels[i] - 1] -= 1
    dS_code = dS_code / N
    c.claim("code: dS = P; dS[y] -= 1; dS /= N", dS_code, dS_true)
    # planted line 42
    c.claim("PLANTED dS = dL/dS = P - Y", P - Y, dS_true, expect=False)
c.finish()
