package com.podium.connect.token.endpoint;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.podium.connect.token.TokenEndpointException;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@value #NAME}{operation, status, outcome}: latency of the calls to TrainingPeaks' OAuth token endpoint
 * (exchange, refresh, deauthorize), timed around {@link TokenEndpointClient} so the client itself stays plain. The
 * status is TrainingPeaks' HTTP status, {@code none} when no answer came (timeout, connection refused).
 */
@Component
class TokenEndpointMetrics implements BeanPostProcessor {

    static final String NAME = "podium.trainingpeaks.token.requests";

    private static final Set<String> CALLS = Set.of("exchange", "refresh", "deauthorize");

    private final ObjectProvider<MeterRegistry> registry;

    TokenEndpointMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof TokenEndpointClient)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice((MethodInterceptor) invocation -> {
            String operation = invocation.getMethod().getName();
            if (!CALLS.contains(operation)) {
                return invocation.proceed();
            }
            Timer.Sample sample = Timer.start();
            String status = "200";
            String outcome = "success";
            try {
                return invocation.proceed();
            }
            catch (TokenEndpointException e) {
                status = e.httpStatus() == null ? "none" : String.valueOf(e.httpStatus());
                outcome = e.retryable() ? "transient_error" : "rejected";
                throw e;
            }
            catch (RuntimeException e) {
                status = "none";
                outcome = "error";
                throw e;
            }
            finally {
                sample.stop(Timer.builder(NAME)
                    .description("Calls to TrainingPeaks' OAuth token endpoint")
                    .tag("operation", operation)
                    .tag("status", status)
                    .tag("outcome", outcome)
                    .register(registry.getObject()));
            }
        });
        return proxy.getProxy(bean.getClass().getClassLoader());
    }
}
