"""Generate NAME.md / NAME.tex (one planted mistake) from NAME-corrected.* by replacing exactly one line."""
from pathlib import Path
ROOT = Path('/work/outside6a')
PLANTS = [
 ('nielsen-232-quadratic', 'md',
  r"$$\delta^3 = \nabla_a C \odot \sigma'(z^3) = (a^3 - y) \odot \sigma'(z^3)$$",
  r"$$\delta^3 = \nabla_a C \odot \sigma'(z^3) = a^3 - y$$"),
 ('nielsen-321-crossentropy', 'md',
  r"$$\delta^2 = ((W^3)^T \delta^3) \odot \sigma'(z^2)$$",
  r"$$\delta^2 = ((W^3)^T \delta^3) \odot \sigma(z^2)$$"),
 ('nielsen-222-quadratic', 'md',
  r"$$\delta^2 = ((W^3)^T \delta^3) \odot \sigma'(z^2)$$",
  r"$$\delta^2 = (W^3 \delta^3) \odot \sigma'(z^2)$$"),
 ('goodfellow-tanh-regression', 'md',
  r"$$\nabla_{\mathbf{a}} L = \mathbf{g} \odot (\mathbf{1} - \mathbf{h} \odot \mathbf{h})$$",
  r"$$\nabla_{\mathbf{a}} L = \mathbf{g} \odot (\mathbf{1} - \mathbf{h})$$"),
 ('goodfellow-softmax-relu', 'md',
  r"$$\nabla_{\mathbf{V}} L = (\hat{\mathbf{y}} - \mathbf{y})\, \mathbf{h}^\top$$",
  r"$$\nabla_{\mathbf{V}} L = \mathbf{h}\, (\hat{\mathbf{y}} - \mathbf{y})^\top$$"),
 ('goodfellow-two-hidden', 'md',
  r"$$\nabla_{\mathbf{h}^{(1)}} L = \mathbf{W}^{(2)\top} \mathbf{g}^{(2)}$$",
  r"$$\nabla_{\mathbf{h}^{(1)}} L = (\hat{y} - y)\, \mathbf{W}^{(2)\top} \mathbf{w}$$"),
 ('cs231n-circuits', 'md',
  r"$$\frac{\partial f}{\partial x} = \frac{\partial f}{\partial s} \frac{\partial s}{\partial p} \frac{\partial p}{\partial x} = 2 y$$",
  r"$$\frac{\partial f}{\partial x} = \frac{\partial f}{\partial s} \frac{\partial s}{\partial p} \frac{\partial p}{\partial x} = 2 x$$"),
 ('cs231n-sigmoid-gate', 'md',
  r"$$\frac{\partial f}{\partial r} = -\frac{1}{r^2}$$",
  r"$$\frac{\partial f}{\partial r} = \frac{1}{r^2}$$"),
 ('cs231n-staged-fxy', 'md',
  r"$$\frac{\partial f}{\partial x} = r - \frac{n}{m^2}\, v (1 - v) - \frac{2 s n}{m^2}$$",
  r"$$\frac{\partial f}{\partial x} = r - \frac{n}{m^2}\, v (1 - v)$$"),
 ('index-softmax-3x3', 'md',
  r"$$\frac{\partial L}{\partial w_{kj}} = (p_k - t_k)\, x_j$$",
  r"$$\frac{\partial L}{\partial w_{kj}} = (p_k - t_k)\, x_k$$"),
 ('index-softmax-2in', 'md',
  r"$$\frac{\partial L}{\partial x_j} = \sum_{k} (p_k - t_k)\, w_{kj}$$",
  r"$$\frac{\partial L}{\partial x_j} = (p_k - t_k)\, w_{kj}$$"),
 ('bishop-tanh-regression', 'md',
  r"$$\delta_j = (1 - z_j^2) \sum_{k=1}^{2} w^{(2)}_{kj} \delta_k$$",
  r"$$\delta_j = (1 - a_j^2) \sum_{k=1}^{2} w^{(2)}_{kj} \delta_k$$"),
 ('bishop-sigmoid-ce', 'md',
  r"$$\frac{\partial E}{\partial v_{kj}} = \delta^{o}_k z_j, \qquad \frac{\partial E}{\partial c_k} = \delta^{o}_k$$",
  r"$$\frac{\partial E}{\partial v_{kj}} = \delta^{o}_k x_j, \qquad \frac{\partial E}{\partial c_k} = \delta^{o}_k$$"),
 ('minibatch-tanh-decay', 'md',
  r"$$\frac{\partial L}{\partial c} = \frac{1}{N} \sum_{n=1}^{N} e_n$$",
  r"$$\frac{\partial L}{\partial c} = \sum_{n=1}^{N} e_n$$"),
 ('softmax-tanh-article', 'tex',
  r"\frac{\partial L}{\partial h_1} &= V_{11} (p_1 - t_1) + V_{21} (p_2 - t_2), \label{eq:grad-h1} \\",
  r"\frac{\partial L}{\partial h_1} &= V_{11} (p_1 - t_1), \label{eq:grad-h1} \\"),
 ('minibatch-relu-matrix', 'md',
  r"$$\frac{\partial L}{\partial W} = \Delta X^\top$$",
  r"$$\frac{\partial L}{\partial W} = \Delta \odot X$$"),
]

if __name__ == '__main__':
    for name, ext, good, bad in PLANTS:
        src = (ROOT / f'{name}-corrected.{ext}').read_text()
        lines = src.split('\n')
        idx = [i for i, l in enumerate(lines) if l == good]
        assert len(idx) == 1, (name, idx)
        lines[idx[0]] = bad
        (ROOT / f'{name}.{ext}').write_text('\n'.join(lines))
        print(f'{name}.{ext}: planted line {idx[0] + 1}')
