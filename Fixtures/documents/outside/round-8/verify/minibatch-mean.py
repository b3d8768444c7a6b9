from common import *

N = 2
xs = [vec(f"x{n}", 2) for n in (1, 2)]
ts = [scal(f"t{n}") for n in (1, 2)]
W, b, v, c = mat("W", 2, 2), vec("b", 2), vec("v", 2), scal("c")
s = scal("s")

taps_a, taps_h, taps_y, terms = [], [], [], []
for n in range(N):
    a, Ea = tap(f"a{n}", W * xs[n] + b)
    h, Eh = tap(f"h{n}", emap(sigmoid, a))
    yh, Ey = tap(f"y{n}", (v.T * h)[0, 0] + c)
    taps_a.append(Ea); taps_h.append(Eh); taps_y.append(Ey)
    terms.append(sp.Rational(1, 2) * (yh - ts[n]) ** 2)
L = sp.Rational(1, N) * sum(terms)

hv = [emap(sigmoid, W * xs[n] + b) for n in range(N)]
ev = [(v.T * hv[n])[0, 0] + c - ts[n] for n in range(N)]
gv = [ev[n] * had(had(v, hv[n]), ones(2) - hv[n]) for n in range(N)]
R = sp.Rational(1, N)
stack = lambda ms: sp.Matrix.vstack(*[M(m) for m in ms])

claims = [
    Claim("dL/dyhat", r"\frac{\partial L}{\partial \hat{y}^{(n)}} = \frac{1}{N} e^{(n)}, \qquad n = 1, 2",
          stack([grad(L, taps_y[n]) for n in range(N)]), stack([R * ev[n] for n in range(N)])),
    Claim("dL/dv", r"\frac{\partial L}{\partial \mathbf{v}} = \frac{1}{N} \sum_{n=1}^{N} e^{(n)} \mathbf{h}^{(n)}",
          grad(L, v), R * sum((ev[n] * hv[n] for n in range(N)), sp.zeros(2, 1))),
    Claim("dL/dc", r"\frac{\partial L}{\partial c} = \frac{1}{N} \sum_{n=1}^{N} e^{(n)}", sp.diff(L, c), R * sum(ev)),
    Claim("dL/dh", r"\frac{\partial L}{\partial \mathbf{h}^{(n)}} = \frac{1}{N} e^{(n)} \mathbf{v}",
          stack([grad(L, taps_h[n]) for n in range(N)]), stack([R * ev[n] * v for n in range(N)])),
    Claim("sigma'", r"\sigma' = \sigma (1 - \sigma)", sp.diff(sigmoid(s), s), sigmoid(s) * (1 - sigmoid(s))),
    Claim("dL/da", r"\frac{\partial L}{\partial \mathbf{a}^{(n)}} = \frac{1}{N} \mathbf{g}^{(n)}",
          stack([grad(L, taps_a[n]) for n in range(N)]), stack([R * gv[n] for n in range(N)])),
    Claim("dL/dW", r"\frac{\partial L}{\partial \mathbf{W}} = \frac{1}{N} \sum_{n=1}^{N} \mathbf{g}^{(n)} (\mathbf{x}^{(n)})^\top",
          grad(L, W), R * sum((gv[n] * xs[n].T for n in range(N)), sp.zeros(2, 2))),
    Claim("dL/db", r"\frac{\partial L}{\partial \mathbf{b}} = \frac{1}{N} \sum_{n=1}^{N} \mathbf{g}^{(n)}",
          grad(L, b), R * sum(gv, sp.zeros(2, 1))),
]

check_pair("minibatch-mean.md", "minibatch-mean-corrected.md", claims,
           "dL/db", r"\frac{\partial L}{\partial \mathbf{b}} = \sum_{n=1}^{N} \mathbf{g}^{(n)}", sum(gv, sp.zeros(2, 1)),
           sample=lambda rng: rand_point(xs + ts + [W, b, v, c, s], rng))
