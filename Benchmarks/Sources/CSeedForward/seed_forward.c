#include "seed_forward.h"

#include <stdio.h>
#include <stdlib.h>
#include <gmp.h>
#include <mpfr.h>

struct seed_forward {
    mpfr_t x00, x01, w10, b10, w11, b11, w20_0, w20_1, b20_0, b20_1;
    mpfr_t z10, x10, z11, x11, z20, t, y;
};

seed_forward *seed_forward_create(long precision, const double values[SEED_FORWARD_VALUE_COUNT]) {
    seed_forward *c = malloc(sizeof *c);
    if (c == NULL) return NULL;
    mpfr_ptr inputs[SEED_FORWARD_VALUE_COUNT] = {
        c->x00, c->x01, c->w10, c->b10, c->w11, c->b11, c->w20_0, c->w20_1, c->b20_0, c->b20_1,
    };
    for (int i = 0; i < SEED_FORWARD_VALUE_COUNT; i++) {
        mpfr_init2(inputs[i], precision);
        mpfr_set_d(inputs[i], values[i], MPFR_RNDN);
    }
    mpfr_ptr work[] = { c->z10, c->x10, c->z11, c->x11, c->z20, c->t, c->y };
    for (size_t i = 0; i < sizeof work / sizeof work[0]; i++) mpfr_init2(work[i], precision);
    return c;
}

void seed_forward_destroy(seed_forward *c) {
    if (c == NULL) return;
    mpfr_ptr all[] = {
        c->x00, c->x01, c->w10, c->b10, c->w11, c->b11, c->w20_0, c->w20_1, c->b20_0, c->b20_1,
        c->z10, c->x10, c->z11, c->x11, c->z20, c->t, c->y,
    };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) mpfr_clear(all[i]);
    free(c);
}

/* out = 1/(1 + exp(-z)); uses c->t as scratch. */
static void sigmoid(seed_forward *c, mpfr_ptr out, mpfr_srcptr z) {
    mpfr_neg(c->t, z, MPFR_RNDN);
    mpfr_exp(c->t, c->t, MPFR_RNDN);
    mpfr_add_ui(c->t, c->t, 1, MPFR_RNDN);
    mpfr_ui_div(out, 1, c->t, MPFR_RNDN);
}

void seed_forward_run(seed_forward *c) {
    mpfr_mul(c->z10, c->w10, c->x00, MPFR_RNDN);
    mpfr_add(c->z10, c->z10, c->b10, MPFR_RNDN);
    sigmoid(c, c->x10, c->z10);

    mpfr_mul(c->z11, c->w11, c->x01, MPFR_RNDN);
    mpfr_add(c->z11, c->z11, c->b11, MPFR_RNDN);
    sigmoid(c, c->x11, c->z11);

    mpfr_mul(c->z20, c->w20_0, c->x10, MPFR_RNDN);
    mpfr_add(c->z20, c->z20, c->b20_0, MPFR_RNDN);
    mpfr_mul(c->t, c->w20_1, c->x11, MPFR_RNDN);
    mpfr_add(c->t, c->t, c->b20_1, MPFR_RNDN);
    mpfr_add(c->z20, c->z20, c->t, MPFR_RNDN);
    sigmoid(c, c->y, c->z20);
}

size_t seed_forward_result_hex(const seed_forward *c, char *buffer, size_t capacity) {
    mpfr_exp_t exponent = 0;
    char *digits = mpfr_get_str(NULL, &exponent, 16, 0, c->y, MPFR_RNDN);
    if (digits == NULL) return 0;
    const char *sign = digits[0] == '-' ? "-" : "";
    const char *magnitude = digits[0] == '-' ? digits + 1 : digits;
    int needed = snprintf(buffer, capacity, "%s0x0.%sp%+ld", sign, magnitude, (long)exponent * 4);
    mpfr_free_str(digits);
    return needed < 0 ? 0 : (size_t)needed;
}
