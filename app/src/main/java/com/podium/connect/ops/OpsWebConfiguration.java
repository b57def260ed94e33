package com.podium.connect.ops;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Puts the bearer-token check in front of every {@code /ops/**} handler. */
@Configuration(proxyBeanMethods = false)
class OpsWebConfiguration implements WebMvcConfigurer {

    private final OpsProperties ops;
    private final ObjectMapper json;

    OpsWebConfiguration(OpsProperties ops, ObjectMapper json) {
        this.ops = ops;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new OpsTokenInterceptor(ops, json)).addPathPatterns("/ops/**");
    }
}
