#include "seed_backprop.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gmp.h>
#include <mpfr.h>

/* a*b + c must round twice, as Swift does: never fuse into an FMA. */
#pragma STDC FP_CONTRACT OFF

/* ---------------------------------------------------------------------- */
/* binary64                                                                */

/* σ(z) and σ′(z) from one e = exp(−|z|), as Activation.sigmoidAndDerivative:
 * d = 1 + e, σ = z ≥ 0 ? 1/d : e/d, σ′ = e/(d·d). */
static inline void sigmoid_and_slope(double z, double *s, double *slope) {
    double e = exp(-fabs(z));
    double d = 1.0 + e;
    *s = z >= 0 ? 1.0 / d : e / d;
    *slope = e / (d * d);
}

void seed_backprop_double(const double v[SEED_BACKPROP_VALUE_COUNT], double r[SEED_BACKPROP_RESULT_COUNT]) {
    const double x00 = v[0], x01 = v[1], w10 = v[2], b10 = v[3], w11 = v[4], b11 = v[5];
    const double w20_0 = v[6], w20_1 = v[7], b20_0 = v[8], b20_1 = v[9];
    double x10, s10, x11, s11, y, s20;

    /* Forward. */
    double z10 = w10 * x00 + b10;
    sigmoid_and_slope(z10, &x10, &s10);
    double z11 = w11 * x01 + b11;
    sigmoid_and_slope(z11, &x11, &s11);
    double z20 = (w20_0 * x10 + b20_0) + (w20_1 * x11 + b20_1);
    sigmoid_and_slope(z20, &y, &s20);

    /* Back to front: δ20 = 1·σ′(z20) = σ′(z20); unit 20's terms in order. */
    double d20 = s20;
    double g_w20_0 = d20 * x10, g_b20_0 = d20, a10 = d20 * w20_0;
    double g_w20_1 = d20 * x11, g_b20_1 = d20, a11 = d20 * w20_1;
    double d11 = a11 * s11;
    double g_w11 = d11 * x01, g_b11 = d11;
    double d10 = a10 * s10;
    double g_w10 = d10 * x00, g_b10 = d10;

    r[0] = y;
    r[1] = g_w10; r[2] = g_b10; r[3] = g_w11; r[4] = g_b11;
    r[5] = g_w20_0; r[6] = g_w20_1; r[7] = g_b20_0; r[8] = g_b20_1;
}

double seed_backprop_double_batch(const double *cases, size_t case_count, size_t start, size_t count,
                                  double result[SEED_BACKPROP_RESULT_COUNT]) {
    double sum = 0;
    size_t i = start;
    for (size_t n = 0; n < count; n++) {
        seed_backprop_double(cases + i * SEED_BACKPROP_VALUE_COUNT, result);
        sum += result[0];
        if (++i == case_count) i = 0;
    }
    return sum;
}

/* ---------------------------------------------------------------------- */
/* MPFR                                                                    */

struct seed_backprop_mpfr {
    mpfr_t v[SEED_BACKPROP_VALUE_COUNT];
    mpfr_t z10, x10, s10, z11, x11, s11, z20, y, s20;
    mpfr_t e, d, dd, t;                 /* scratch */
    mpfr_t a10, a11, d11, d10;          /* adjoints x̄, deltas δ */
    mpfr_t g[8];                        /* gradient in parameter order */
};

#define ALL_WORK(c) c->z10, c->x10, c->s10, c->z11, c->x11, c->s11, c->z20, c->y, c->s20, \
                    c->e, c->d, c->dd, c->t, c->a10, c->a11, c->d11, c->d10

seed_backprop_mpfr *seed_backprop_mpfr_create(long precision) {
    seed_backprop_mpfr *c = malloc(sizeof *c);
    if (c == NULL) return NULL;
    for (int i = 0; i < SEED_BACKPROP_VALUE_COUNT; i++) mpfr_init2(c->v[i], precision);
    for (int i = 0; i < 8; i++) mpfr_init2(c->g[i], precision);
    mpfr_ptr work[] = { ALL_WORK(c) };
    for (size_t i = 0; i < sizeof work / sizeof work[0]; i++) mpfr_init2(work[i], precision);
    return c;
}

void seed_backprop_mpfr_destroy(seed_backprop_mpfr *c) {
    if (c == NULL) return;
    for (int i = 0; i < SEED_BACKPROP_VALUE_COUNT; i++) mpfr_clear(c->v[i]);
    for (int i = 0; i < 8; i++) mpfr_clear(c->g[i]);
    mpfr_ptr work[] = { ALL_WORK(c) };
    for (size_t i = 0; i < sizeof work / sizeof work[0]; i++) mpfr_clear(work[i]);
    free(c);
}

/* x = σ(z), slope = σ′(z) from one e = exp(−|z|), as Activation.sigmoidAndDerivative. */
static void sigmoid_and_slope_mpfr(seed_backprop_mpfr *c, mpfr_ptr x, mpfr_ptr slope, mpfr_srcptr z) {
    mpfr_abs(c->e, z, MPFR_RNDN);
    mpfr_neg(c->e, c->e, MPFR_RNDN);
    mpfr_exp(c->e, c->e, MPFR_RNDN);
    mpfr_add_ui(c->d, c->e, 1, MPFR_RNDN);
    if (!mpfr_nan_p(z) && mpfr_sgn(z) >= 0)
        mpfr_ui_div(x, 1, c->d, MPFR_RNDN);
    else
        mpfr_div(x, c->e, c->d, MPFR_RNDN);
    mpfr_mul(c->dd, c->d, c->d, MPFR_RNDN);
    mpfr_div(slope, c->e, c->dd, MPFR_RNDN);
}

void seed_backprop_mpfr_run(seed_backprop_mpfr *c, const double values[SEED_BACKPROP_VALUE_COUNT]) {
    for (int i = 0; i < SEED_BACKPROP_VALUE_COUNT; i++) mpfr_set_d(c->v[i], values[i], MPFR_RNDN);
    mpfr_srcptr x00 = c->v[0], x01 = c->v[1], w10 = c->v[2], b10 = c->v[3], w11 = c->v[4], b11 = c->v[5];
    mpfr_srcptr w20_0 = c->v[6], w20_1 = c->v[7], b20_0 = c->v[8], b20_1 = c->v[9];

    /* Forward. */
    mpfr_mul(c->z10, w10, x00, MPFR_RNDN);
    mpfr_add(c->z10, c->z10, b10, MPFR_RNDN);
    sigmoid_and_slope_mpfr(c, c->x10, c->s10, c->z10);

    mpfr_mul(c->z11, w11, x01, MPFR_RNDN);
    mpfr_add(c->z11, c->z11, b11, MPFR_RNDN);
    sigmoid_and_slope_mpfr(c, c->x11, c->s11, c->z11);

    mpfr_mul(c->z20, w20_0, c->x10, MPFR_RNDN);
    mpfr_add(c->z20, c->z20, b20_0, MPFR_RNDN);
    mpfr_mul(c->t, w20_1, c->x11, MPFR_RNDN);
    mpfr_add(c->t, c->t, b20_1, MPFR_RNDN);
    mpfr_add(c->z20, c->z20, c->t, MPFR_RNDN);
    sigmoid_and_slope_mpfr(c, c->y, c->s20, c->z20);

    /* Back to front. δ20 = 1·σ′(z20) is σ′(z20) itself. */
    mpfr_srcptr d20 = c->s20;
    mpfr_mul(c->g[4], d20, c->x10, MPFR_RNDN);      /* ∂w20[0] = δ20·x10 */
    mpfr_set(c->g[6], d20, MPFR_RNDN);              /* ∂b20[0] = δ20 */
    mpfr_mul(c->a10, d20, w20_0, MPFR_RNDN);        /* x̄10 = δ20·w20[0] */
    mpfr_mul(c->g[5], d20, c->x11, MPFR_RNDN);      /* ∂w20[1] = δ20·x11 */
    mpfr_set(c->g[7], d20, MPFR_RNDN);              /* ∂b20[1] = δ20 */
    mpfr_mul(c->a11, d20, w20_1, MPFR_RNDN);        /* x̄11 = δ20·w20[1] */

    mpfr_mul(c->d11, c->a11, c->s11, MPFR_RNDN);    /* δ11 = x̄11·σ′(z11) */
    mpfr_mul(c->g[2], c->d11, x01, MPFR_RNDN);      /* ∂w11 = δ11·x01 */
    mpfr_set(c->g[3], c->d11, MPFR_RNDN);           /* ∂b11 = δ11 */

    mpfr_mul(c->d10, c->a10, c->s10, MPFR_RNDN);    /* δ10 = x̄10·σ′(z10) */
    mpfr_mul(c->g[0], c->d10, x00, MPFR_RNDN);      /* ∂w10 = δ10·x00 */
    mpfr_set(c->g[1], c->d10, MPFR_RNDN);           /* ∂b10 = δ10 */
}

long seed_backprop_mpfr_batch(seed_backprop_mpfr *c, const double *cases, size_t case_count,
                              size_t start, size_t count) {
    size_t i = start;
    for (size_t n = 0; n < count; n++) {
        seed_backprop_mpfr_run(c, cases + i * SEED_BACKPROP_VALUE_COUNT);
        if (++i == case_count) i = 0;
    }
    return (long)mpfr_get_prec(c->y);
}

size_t seed_backprop_mpfr_result_hex(const seed_backprop_mpfr *c, int index, char *buffer, size_t capacity) {
    mpfr_srcptr value = index == 0 ? c->y : c->g[index - 1];
    if (mpfr_zero_p(value))
        return (size_t)snprintf(buffer, capacity, mpfr_signbit(value) ? "-0x0p+0" : "0x0p+0");
    mpfr_exp_t exponent = 0;
    char *digits = mpfr_get_str(NULL, &exponent, 16, 0, value, MPFR_RNDN);
    if (digits == NULL) return 0;
    const char *sign = digits[0] == '-' ? "-" : "";
    const char *magnitude = digits[0] == '-' ? digits + 1 : digits;
    int needed = snprintf(buffer, capacity, "%s0x0.%sp%+ld", sign, magnitude, (long)exponent * 4);
    mpfr_free_str(digits);
    return needed < 0 ? 0 : (size_t)needed;
}
