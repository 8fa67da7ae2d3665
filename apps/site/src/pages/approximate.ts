import { mountNav } from '../common/nav.js';

mountNav('approximate');
