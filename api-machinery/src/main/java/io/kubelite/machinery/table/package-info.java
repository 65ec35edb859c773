/**
 * Server-side {@code meta.k8s.io/v1} Tables: the columns and cell values kube-apiserver
 * builds for {@code kubectl get}, so that an unmodified kubectl prints the same text
 * against kubelite as against Kubernetes.
 *
 * <p>kubectl prints cells verbatim and hides priority-1 columns unless {@code -o wide} is
 * given, so every printer always returns the wide cells too, exactly as kube-apiserver
 * does. {@link io.kubelite.machinery.table.TablePrinters#forResource(String, String)}
 * picks the printer; {@link io.kubelite.machinery.table.TableBuilder} wraps rows and
 * object metadata into the Table document.
 */
package io.kubelite.machinery.table;
