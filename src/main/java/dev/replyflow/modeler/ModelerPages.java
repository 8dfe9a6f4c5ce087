package dev.replyflow.modeler;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The web modeler lives at /modeler/: its page and bundle are built from webapp/ into the jar's static/modeler/. */
@Configuration
public class ModelerPages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/modeler", "/modeler/");
        registry.addViewController("/modeler/").setViewName("forward:/modeler/index.html");
    }
}
