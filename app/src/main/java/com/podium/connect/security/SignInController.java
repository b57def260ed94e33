package com.podium.connect.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page: the identity provider's button when one is configured, the demo users when they are on. */
@Controller
class SignInController {

    record Provider(String name, String href) {
    }

    private final List<Provider> providers = new ArrayList<>();
    private final boolean demo;

    SignInController(ObjectProvider<ClientRegistrationRepository> registrations, SecuritySettings settings) {
        if (registrations.getIfAvailable() instanceof InMemoryClientRegistrationRepository repository) {
            for (ClientRegistration registration : repository) {
                providers.add(new Provider(registration.getClientName(),
                        "/oauth2/authorization/" + registration.getRegistrationId()));
            }
        }
        this.demo = settings.demoUsers();
    }

    @GetMapping("/signin")
    String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String signedout,
            Model model) {
        model.addAttribute("providers", providers);
        model.addAttribute("demoUsers", demo ? DemoUsers.ALL : List.of());
        model.addAttribute("demoPassword", DemoUsers.PASSWORD);
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedout != null);
        model.addAttribute("nobody", providers.isEmpty() && !demo);
        return "signin";
    }
}
