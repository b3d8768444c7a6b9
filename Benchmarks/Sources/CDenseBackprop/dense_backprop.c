#include <stdlib.h>
#include <mpfr.h>
#include "dense_backprop.h"

struct dense_net {
    int layers;          /* widths count */
    int *widths;
    int parameters, units;
    mpfr_t *x;           /* inputs then unit outputs */
    mpfr_t *z, *slope, *adjoint, *theta, *grad;
    mpfr_t t, u, m, s, e;
};

static int count_parameters(const int *w, int n) {
    int p = 0;
    for (int l = 1; l < n; l++) p += w[l] * w[l - 1] + w[l];
    return p;
}

static mpfr_t *alloc_vars(int n, int precision) {
    mpfr_t *v = malloc(sizeof(mpfr_t) * (n > 0 ? n : 1));
    for (int i = 0; i < n; i++) mpfr_init2(v[i], precision);
    return v;
}

static void free_vars(mpfr_t *v, int n) {
    for (int i = 0; i < n; i++) mpfr_clear(v[i]);
    free(v);
}

dense_net *dense_create(const int *widths, int layers, int precision) {
    dense_net *net = calloc(1, sizeof *net);
    net->layers = layers;
    net->widths = malloc(sizeof(int) * layers);
    int units = 0;
    for (int l = 0; l < layers; l++) { net->widths[l] = widths[l]; if (l > 0) units += widths[l]; }
    net->units = units;
    net->parameters = count_parameters(widths, layers);
    net->x = alloc_vars(widths[0] + units, precision);
    net->z = alloc_vars(units, precision);
    net->slope = alloc_vars(units, precision);
    net->adjoint = alloc_vars(units, precision);
    net->theta = alloc_vars(net->parameters, precision);
    net->grad = alloc_vars(net->parameters, precision);
    mpfr_inits2(precision, net->t, net->u, net->m, net->s, net->e, (mpfr_ptr) 0);
    return net;
}

void dense_destroy(dense_net *net) {
    free_vars(net->x, net->widths[0] + net->units);
    free_vars(net->z, net->units);
    free_vars(net->slope, net->units);
    free_vars(net->adjoint, net->units);
    free_vars(net->theta, net->parameters);
    free_vars(net->grad, net->parameters);
    mpfr_clears(net->t, net->u, net->m, net->s, net->e, (mpfr_ptr) 0);
    free(net->widths);
    free(net);
}

/* tanh′(z) = 4e^(−2|z|) / (1 + e^(−2|z|))², as the kit computes it. */
static void tanh_slope(mpfr_t out, const mpfr_t z, mpfr_t e, mpfr_t d) {
    mpfr_abs(e, z, MPFR_RNDN);
    mpfr_mul_si(e, e, -2, MPFR_RNDN);
    mpfr_exp(e, e, MPFR_RNDN);
    mpfr_add_ui(d, e, 1, MPFR_RNDN);
    mpfr_mul_ui(out, e, 4, MPFR_RNDN);
    mpfr_mul(d, d, d, MPFR_RNDN);
    mpfr_div(out, out, d, MPFR_RNDN);
}

double dense_evaluate(dense_net *net, const double *inputs, const double *params, int target, double *gradient) {
    int n0 = net->widths[0];
    for (int i = 0; i < n0; i++) mpfr_set_d(net->x[i], inputs[i], MPFR_RNDN);
    for (int p = 0; p < net->parameters; p++) mpfr_set_d(net->theta[p], params[p], MPFR_RNDN);
    /* forward */
    int pstart = 0, in_start = 0, unit = 0;
    for (int l = 1; l < net->layers; l++) {
        int fan_in = net->widths[l - 1], width = net->widths[l];
        int bias_start = pstart + width * fan_in;
        int last = l == net->layers - 1;
        for (int j = 0; j < width; j++, unit++) {
            mpfr_ptr z = net->z[unit];
            mpfr_mul(z, net->theta[pstart + j * fan_in], net->x[in_start], MPFR_RNDN);
            for (int i = 1; i < fan_in; i++)  /* z + w·s in one rounding, as the kit's BigFloat does */
                mpfr_fma(z, net->theta[pstart + j * fan_in + i], net->x[in_start + i], z, MPFR_RNDN);
            mpfr_add(z, z, net->theta[bias_start + j], MPFR_RNDN);
            if (last) {
                mpfr_set(net->x[n0 + unit], z, MPFR_RNDN);
                mpfr_set_ui(net->slope[unit], 1, MPFR_RNDN);
            } else {
                mpfr_tanh(net->x[n0 + unit], z, MPFR_RNDN);
                tanh_slope(net->slope[unit], z, net->e, net->u);
            }
        }
        in_start = (l == 1) ? n0 : in_start + fan_in;
        if (l == 1) in_start = n0;
        pstart = bias_start + width;
    }
    /* softmax cross-entropy on the last layer */
    int k_count = net->widths[net->layers - 1];
    int out0 = net->units - k_count;
    mpfr_set(net->m, net->x[n0 + out0], MPFR_RNDN);
    for (int k = 1; k < k_count; k++)
        if (mpfr_greater_p(net->x[n0 + out0 + k], net->m)) mpfr_set(net->m, net->x[n0 + out0 + k], MPFR_RNDN);
    for (int k = 0; k < k_count; k++) {
        mpfr_sub(net->adjoint[out0 + k], net->x[n0 + out0 + k], net->m, MPFR_RNDN);
        mpfr_exp(net->adjoint[out0 + k], net->adjoint[out0 + k], MPFR_RNDN);
        if (k == 0) mpfr_set(net->s, net->adjoint[out0], MPFR_RNDN);
        else mpfr_add(net->s, net->s, net->adjoint[out0 + k], MPFR_RNDN);
    }
    for (int k = 0; k < k_count; k++) {
        mpfr_div(net->adjoint[out0 + k], net->adjoint[out0 + k], net->s, MPFR_RNDN);
        if (k == target) mpfr_sub_ui(net->adjoint[out0 + k], net->adjoint[out0 + k], 1, MPFR_RNDN);
    }
    mpfr_log(net->e, net->s, MPFR_RNDN);
    mpfr_sub(net->u, net->x[n0 + out0 + target], net->m, MPFR_RNDN);
    mpfr_sub(net->e, net->e, net->u, MPFR_RNDN);
    double loss = mpfr_get_d(net->e, MPFR_RNDN);
    /* backward, last layer first */
    int unit_end = net->units;
    int pend = net->parameters;
    for (int l = net->layers - 1; l >= 1; l--) {
        int fan_in = net->widths[l - 1], width = net->widths[l];
        int bias_start = pend - width, wstart = bias_start - width * fan_in;
        int first_unit = unit_end - width;
        int src = (l == 1) ? 0 : n0 + first_unit - fan_in;
        int src_unit = first_unit - fan_in;
        for (int j = width - 1; j >= 0; j--) {
            int u = first_unit + j;
            mpfr_mul(net->t, net->adjoint[u], net->slope[u], MPFR_RNDN); /* δ */
            mpfr_set(net->grad[bias_start + j], net->t, MPFR_RNDN);
            for (int i = 0; i < fan_in; i++) {
                mpfr_mul(net->grad[wstart + j * fan_in + i], net->t, net->x[src + i], MPFR_RNDN);
                if (l > 1) {
                    if (j == width - 1) mpfr_mul(net->adjoint[src_unit + i], net->t, net->theta[wstart + j * fan_in + i], MPFR_RNDN);
                    else {
                        mpfr_mul(net->u, net->t, net->theta[wstart + j * fan_in + i], MPFR_RNDN);
                        mpfr_add(net->adjoint[src_unit + i], net->adjoint[src_unit + i], net->u, MPFR_RNDN);
                    }
                }
            }
        }
        unit_end = first_unit;
        pend = wstart;
    }
    for (int p = 0; p < net->parameters; p++) gradient[p] = mpfr_get_d(net->grad[p], MPFR_RNDN);
    return loss;
}
