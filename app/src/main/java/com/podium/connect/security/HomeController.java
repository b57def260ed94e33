package com.podium.connect.security;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Where a person lands after signing in: the page their role is for. */
@Controller
class HomeController {

    @GetMapping("/home")
    String home(Authentication person) {
        if (has(person, Roles.COACH)) {
            return "redirect:/coach";
        }
        if (has(person, Roles.ATHLETE)) {
            return "redirect:/dashboard";
        }
        return has(person, Roles.OPS) ? "redirect:/operations" : "redirect:/connect";
    }

    @GetMapping("/operations")
    String operations() {
        return "operations";
    }

    private static boolean has(Authentication person, Roles role) {
        return person.getAuthorities().contains(role.authority());
    }
}
