import { mountNav } from '../common/nav.js';

mountNav('approximate');
document.body.dataset.ready = '1';
