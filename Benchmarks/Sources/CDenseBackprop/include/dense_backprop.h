#ifndef DENSE_BACKPROP_H
#define DENSE_BACKPROP_H
/* A dense tanh network with an identity last layer and softmax cross-entropy,
   forward and back-to-front gradient in MPFR on preallocated variables, in the
   same operation order as BackpropCheck's sweep (the baseline of reference-scale). */
typedef struct dense_net dense_net;
dense_net *dense_create(const int *widths, int layers, int precision);
void dense_destroy(dense_net *net);
/* Parameters in BackpropCheck's dense order (W1 row-major, b1, W2, b2, ...);
   writes the gradient (rounded to double) and returns the loss (rounded). */
double dense_evaluate(dense_net *net, const double *inputs, const double *params, int target, double *gradient);
#endif
