from common import *

N = 2
X, Y = mat("X", 2, 3), mat("Y", 2, 2)
W1, b1, W2, b2 = mat("W1", 3, 3), mat("b1", 1, 3), mat("W2", 3, 2), mat("b2", 1, 2)
lam = scal("lam")
one = ones(N, 1)

Z1, EZ1 = tap("Z1", X * W1 + one * b1)
H, EH = tap("H", emap(relu, Z1))
S, ES = tap("S", H * W2 + one * b2)
L = sp.Rational(1, 2 * N) * sum((S[i, j] - Y[i, j]) ** 2 for i in range(2) for j in range(2)) \
    + lam / 2 * sum(v ** 2 for v in W1) + lam / 2 * sum(v ** 2 for v in W2)

Z1v = X * W1 + one * b1
Hv = emap(relu, Z1v)
Sv = Hv * W2 + one * b2
dS, dH, dZ1 = grad(L, ES), grad(L, EH), grad(L, EZ1)

claims = [
    Claim("dS", r"\frac{\partial L}{\partial S} = \frac{1}{N} (S - Y)", dS, (Sv - Y) / N),
    Claim("dW2", r"\frac{\partial L}{\partial W_2} = H^\top \frac{\partial L}{\partial S} + \lambda W_2", grad(L, W2), Hv.T * dS + lam * W2),
    Claim("db2", r"\frac{\partial L}{\partial b_2} = \mathbf{1}_N^\top \frac{\partial L}{\partial S}", grad(L, b2), one.T * dS),
    Claim("dH", r"\frac{\partial L}{\partial H} = \frac{\partial L}{\partial S} W_2^\top", dH, dS * W2.T),
    Claim("dZ1", r"\frac{\partial L}{\partial Z_1} = \frac{\partial L}{\partial H} \odot \operatorname{ReLU}'(Z_1)", dZ1, had(dH, emap(relu_prime, Z1v))),
    Claim("dW1", r"\frac{\partial L}{\partial W_1} = X^\top \frac{\partial L}{\partial Z_1} + \lambda W_1", grad(L, W1), X.T * dZ1 + lam * W1),
    Claim("db1", r"\frac{\partial L}{\partial b_1} = \mathbf{1}_N^\top \frac{\partial L}{\partial Z_1}", grad(L, b1), one.T * dZ1),
]

def sample(rng):
    pt = rand_point([X, Y, W1, b1, W2, b2], rng)
    pt[lam] = sp.Rational(rng.randint(1, 1000), 1000)
    return pt

# planted: the un-summed N x C matrix. It has the wrong shape, and to make sure
# the failure is not only a shape issue, neither of its rows matches either.
check_pair("cs231n-vectorised.md", "cs231n-vectorised-corrected.md", claims,
           "db2", r"\frac{\partial L}{\partial b_2} = \frac{\partial L}{\partial S}", [dS, dS.row(0), dS.row(1)],
           sample=sample, guards=[Z1v])
