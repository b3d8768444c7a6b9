from common import *

P = Pair("softmax-regression", ".md")
x = vec("x", 2); y = vec("y", 3); W = mat("w", 3, 2); b = vec("b", 3)
os_ = vec("os", 3); yh_s = vec("yhs", 3)
o = W * x + b
def softmax(v):
    den = sum(sp.exp(v[k]) for k in range(3))
    return sp.Matrix([sp.exp(v[j]) / den for j in range(3)])
yh = softmax(o)
l_of_o = lambda v: -sum(y[j] * sp.log(softmax(v)[j]) for j in range(3))
l = l_of_o(o)
so = {os_[j]: o[j] for j in range(3)}
lse = lambda v: sp.log(sum(sp.exp(v[k]) for k in range(3)))

P.claim("$$l(\\mathbf{y}, \\hat{\\mathbf{y}}) = \\log \\sum", "l = lse(o) - sum_j y_j o_j (identity, one-hot y)", l,
        lse(o) - sum(y[j] * o[j] for j in range(3)))
dlse = grad(lse(os_), os_).xreplace(so)
P.claim("$$\\frac{\\partial}{\\partial o_j} \\log", "d lse/do_j = exp(o_j)/sum exp", dlse, yh)
P.claim("$$\\frac{\\partial}{\\partial o_j} \\log", "d lse/do_j = softmax(o)_j", dlse, softmax(o))
dl_do = grad(l_of_o(os_), os_).xreplace(so)
P.claim("$$\\frac{\\partial l}{\\partial o_j} = \\operatorname{softmax}", "dl/do_j = softmax(o)_j - y_j", dl_do, softmax(o) - y)
P.claim("In vector form, $\\nabla_{\\mathbf{o}} l", "grad_o l = yhat - y (prose)", dl_do, yh - y)
dl_dyh = grad(-sum(y[j] * sp.log(yh_s[j]) for j in range(3)), yh_s).xreplace({yh_s[j]: yh[j] for j in range(3)})
P.claim("$$\\frac{\\partial l}{\\partial \\hat{y}_j} =", "dl/dyhat_j = -y_j / yhat_j", dl_dyh,
        sp.Matrix([-y[j] / yh[j] for j in range(3)]))
Jtrue = softmax(os_).jacobian(os_).xreplace(so)
P.claim("\\frac{\\partial \\hat{\\mathbf{y}}}{\\partial \\mathbf{o}} = \\operatorname{diag}", "Jacobian = diag(yh) - yh yh^T",
        Jtrue, sp.diag(*yh) - yh * yh.T,
        bad_snippet="\\operatorname{diag}\\big(\\hat{\\mathbf{y}} \\odot (\\mathbf{1} - \\hat{\\mathbf{y}})\\big)",
        bad_rhs=sp.diag(*[yh[j] * (1 - yh[j]) for j in range(3)]))
P.claim("It is symmetric, so", "(dyh/do)^T grad_yh l = yhat - y (prose)", Jtrue.T * dl_dyh, yh - y)
P.claim("It is symmetric, so", "Jacobian symmetric (prose)", Jtrue, Jtrue.T)
P.claim("$$\\frac{\\partial l}{\\partial w_{ik}} =", "dl/dw_ik = (yh_i - y_i) x_k", grad(l, W),
        sp.Matrix(3, 2, lambda i, k: (yh[i] - y[i]) * x[k]))
P.claim("$$\\nabla_{\\mathbf{W}} l =", "grad_W l = (yh - y) x^T", grad(l, W), (yh - y) * x.T)
P.claim("$$\\nabla_{\\mathbf{W}} l =", "grad_b l = yh - y", grad(l, b), yh - y)

def sampler(rng):
    s = uniform(rng, list(x) + list(W) + list(b))
    c = rng.randrange(3)
    s.update({y[j]: sp.Float(1 if j == c else 0) for j in range(3)})
    return s

sys.exit(0 if P.run(sampler, npoints=9) else 1)
